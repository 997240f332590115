"""Status in real Chromium: staff register an apprentice in RAPIDS; staff try to complete an
apprentice with hours missing and see the list of what is missing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cohorts.models import Apprentice
from tests.browser.conftest import assert_accessible, sign_in_on
from tests.progress import sign_the_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_register_an_apprentice(page: Page, live_server, alice, grace, ed_apprentice):
    # Fifty days in and not registered: his row is highlighted as late (and still readable).
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status="pending_registration",
        employment_start=timezone.localdate() - timedelta(days=50),
    )
    sign_the_agreement(ed_apprentice, grace)
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/wages/registrations/")
    expect(page.locator("tr.table-danger")).to_contain_text("Ed Evans")
    expect(page.get_by_role("link", name="Ed Evans")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ed Evans").click()
    page.get_by_label("RAPIDS apprentice number").fill("MO2026-00042")
    page.get_by_label("Registered on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Record the registration").click()
    expect(page.get_by_text("Registered: probation has begun.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("Probation")
    assert_accessible(page)


def test_staff_try_to_complete_with_hours_missing(page: Page, live_server, alice, ed_apprentice):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status="active")
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/wages/apprentices/{ed_apprentice.pk}/")
    expect(page.locator("#completion-missing")).to_contain_text("on-the-job hours")
    page.get_by_label("New status").select_option("completed")
    page.get_by_role("button", name="Change the status").click()
    alert = page.get_by_text("Not ready to complete:").first
    expect(alert).to_be_visible()
    expect(page.get_by_text("the certification exam passed").first).to_be_visible()
    expect(page.locator("#status")).to_have_text("Active")
    assert_accessible(page)
