"""Transfers and re-entry in real Chromium (29 CFR 29.5(b)(13), 29.7): staff credit a
transfer from another sponsor with its transcript; the signed agreement's change shows as an
amendment due; staff prepare it and the apprentice signs it on a phone. A cancelled
apprentice re-enters with their hours carried over, and the change waits to be reported."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from clinic.models import Competency, WorkProcess
from cohorts.models import Apprentice, ApprenticeEvent
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on
from tests.progress import sign_the_agreement
from wages.lifecycle import apprentice_move
from wages.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n% transcript from Mercy\n"


def test_a_transfer_in_is_credited_and_the_apprentice_signs_the_amendment_on_a_phone(
    page: Page, browser, live_server, grace, ed, ed_apprentice
):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status="probation", rapids_id="R-1")
    sign_the_agreement(ed_apprentice, grace)
    process = WorkProcess.objects.create(
        track=ed_apprentice.cohort.track, order=1, title="Rooming", planned_hours=2000
    )
    Competency.objects.create(work_process=process, order=1, title="Rooms a patient")

    sign_in_on(page, live_server.url, grace)
    page.goto(f"{live_server.url}/wages/apprentices/{ed_apprentice.pk}/wages/")
    page.get_by_text("Credit prior experience or a transfer").click()
    page.get_by_label("Transfer from another sponsor's registered program").check()
    page.get_by_label("On-the-job hours credited").fill("400")
    page.get_by_label("Counted under the work process").select_option(label="Rooming")
    page.get_by_label("Experience and its evidence").fill("Mercy's transcript, 400 hours")
    page.get_by_label("Transfer: the previous sponsor and its program number").fill("Mercy Health")
    page.get_by_label("Rooms a patient").check()
    page.get_by_label("Transfer: the previous sponsor's transcript").set_input_files(
        {"name": "mercy.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert_accessible(page)
    page.get_by_role("button", name="Credit the hours").click()
    expect(page.get_by_text("Credit granted.")).to_be_visible()
    expect(
        page.get_by_text("Transfer from Mercy Health: 400 hours and 1 competencies credited")
    ).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the transcript from Mercy Health").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # The agreement's terms changed: the amendment is due, its reason suggested.
    page.goto(f"{live_server.url}/wages/apprentices/{ed_apprentice.pk}/")
    expect(page.get_by_text("An amendment is due for this change")).to_be_visible()
    reason = page.get_by_label("What an amendment changes")
    expect(reason).to_have_value(
        "Transfer from Mercy Health: 400 on-the-job hours and 1 competencies credited"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Prepare it").click()
    expect(page.get_by_text("The agreement is ready for the apprentice to sign.")).to_be_visible()
    expect(page.get_by_text("An amendment is due for this change")).to_have_count(0)

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ed_page = phone.new_page()
    sign_in_on(ed_page, live_server.url, ed)
    ed_page.goto(f"{live_server.url}/wages/me/agreement/")
    expect(ed_page.locator("#agreement-text")).to_contain_text("Mercy Health")
    assert_accessible(ed_page)
    ed_page.get_by_label("I agree to sign this agreement electronically").check()
    ed_page.get_by_label("Type your full name to sign").fill("Ed Evans")
    ed_page.get_by_role("button", name="Sign the agreement").click()
    expect(ed_page.get_by_text("You signed: the sponsor countersigns next.")).to_be_visible()
    phone.close()
    amendment = Agreement.objects.get(apprentice=ed_apprentice, kind="amendment")
    assert amendment.apprentice_signed_at and not amendment.sponsor_signed_at


def test_a_cancelled_apprentice_re_enters_with_their_hours(
    page: Page, live_server, alice, ed_apprentice
):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status="active", rapids_id="R-2")
    apprentice_move(
        apprentice=ed_apprentice,
        to_status="cancelled",
        effective_on=timezone.localdate() - timedelta(days=5),
        by=alice,
        reason="Family move",
        reason_code="voluntary",
    )
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/wages/apprentices/{ed_apprentice.pk}/")
    expect(page.get_by_text("Re-entry after a cancellation")).to_be_visible()
    page.get_by_label("New status").select_option(label="Active")
    page.get_by_label("Reason", exact=True).select_option(label="Re-entry after cancellation")
    page.get_by_label("What happened").fill("Back after the move fell through")
    assert_accessible(page)
    page.get_by_role("button", name="Change the status").click()
    expect(page.locator("#status")).to_have_text("Active")
    event = ApprenticeEvent.objects.get(apprentice=ed_apprentice, notice="reinstatement")
    assert event.reason_code == "reentry"
    expect(page.get_by_role("button", name="Mark reported")).to_have_count(2)
