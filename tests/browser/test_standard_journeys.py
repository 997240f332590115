"""The registered standard in real Chromium: the program admin drafts a new version, changes
it, records it as sent and approved and puts it in force; on a phone the apprentice reads
their progress against their own standard and the interim credentials still to earn."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from programs.models import InterimCredential, Standard
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_takes_a_new_version_from_draft_to_in_force(
    page: Page, live_server, grace, clinical_track
):
    today = timezone.localdate()
    sign_in_on(page, live_server.url, grace)
    page.goto(f"{live_server.url}/program/tracks/")
    page.get_by_role("link", name=f"Versions of the standard of {clinical_track.name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Registered standard")
    assert_accessible(page)
    page.get_by_role("button", name="Draft a new version").click()
    expect(page.get_by_text("Version 2 drafted")).to_be_visible()
    page.get_by_label("On-the-job hours (OJL)").fill("1500")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("at least 2000 on-the-job hours").first).to_be_visible()
    page.get_by_label("On-the-job hours (OJL)").fill("2080")
    page.get_by_label("What changed").fill("A 2,080-hour year")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Sent on").fill((today - timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Record it as sent to the agency").click()
    expect(page.get_by_text("Recorded as sent to the registration agency.")).to_be_visible()
    page.get_by_label("Approved on").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Record the agency's approval").click()
    page.get_by_label("In force from").fill(today.isoformat())
    page.get_by_role("button", name="Put it in force").click()
    expect(page.get_by_text("The version is in force from that date.")).to_be_visible()
    expect(page.get_by_text("In force", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/program/modifications/")
    expect(page.get_by_role("link", name=f"Version 2 of {clinical_track.name}")).to_be_visible()
    assert_accessible(page)
    version = Standard.objects.get(track=clinical_track, version=2)
    assert (version.ojl_hours, version.effective_on) == (2080, today)


def test_the_apprentice_reads_progress_against_their_standard_on_a_phone(
    browser, live_server, ed, ed_apprentice
):
    standard = ed_apprentice.standard
    Standard.objects.filter(pk=standard.pk).update(
        approach=Standard.Approach.HYBRID, ojl_hours=1800, ojl_hours_max=2200
    )
    InterimCredential.objects.create(standard=standard, name="Rooming specialist", earned_by="exam")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in_on(page, live_server.url, ed)
    page.goto(f"{live_server.url}/clinic/me/")
    expect(page.locator("#standard-held")).to_contain_text("version 1 (Hybrid)")
    expect(page.locator("#ojl-approved")).to_be_visible()
    expect(page.get_by_text("approved of the 1800 required")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/wages/me/exam/")
    expect(page.locator("#interim-credentials")).to_contain_text("Rooming specialist")
    expect(page.locator("#interim-credentials")).to_contain_text("to earn")
    assert_accessible(page)
    context.close()
