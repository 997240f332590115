"""The apprenticeship agreement in real Chromium (29 CFR 29.7): registration is refused without
it; staff prepare it from the standard; the apprentice signs on a phone (consent to sign
electronically, typed name); the sponsor's signatory countersigns; the signed PDF shows both
signatures and the document's SHA-256; then the registration goes through."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cohorts.models import Apprentice
from programs.models import Program
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on
from wages.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_apprentice_signs_on_a_phone_and_the_sponsor_countersigns(
    page: Page, browser, live_server, alice, grace, ed, ed_apprentice
):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status="pending_registration",
        employment_start=timezone.localdate() - timedelta(days=5),
    )
    Program.objects.filter(pk=ed_apprentice.cohort.track.program_id).update(
        agreement_signatory=grace
    )
    record = f"{live_server.url}/wages/apprentices/{ed_apprentice.pk}/"

    # Registration waits for the agreement.
    sign_in_on(page, live_server.url, grace)
    page.goto(record)
    page.get_by_label("RAPIDS apprentice number").fill("MO2026-00077")
    page.get_by_role("button", name="Record the registration").click()
    expect(page.get_by_text("registration waits for it (29 CFR 29.7)").first).to_be_visible()
    page.get_by_text("Prepare the agreement from the standard").click()
    page.get_by_role("button", name="Prepare it").click()
    expect(page.get_by_text("The agreement is ready for the apprentice to sign.")).to_be_visible()
    assert_accessible(page)

    # Ed signs on his phone.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ed_page = phone.new_page()
    sign_in_on(ed_page, live_server.url, ed)
    ed_page.goto(f"{live_server.url}/wages/me/agreement/")
    expect(ed_page.locator("#agreement-text")).to_contain_text("Equal opportunity")
    assert_accessible(ed_page)
    ed_page.get_by_label("Type your full name to sign").fill("ed evans")
    ed_page.get_by_role("button", name="Sign the agreement").click()
    expect(ed_page.get_by_text("Agree to sign electronically to sign.")).to_be_visible()
    ed_page.get_by_label("I agree to sign this agreement electronically").check()
    ed_page.get_by_label("Type your full name to sign").fill("ed evans")
    ed_page.get_by_role("button", name="Sign the agreement").click()
    expect(ed_page.get_by_text("You signed: the sponsor countersigns next.")).to_be_visible()

    # Grace countersigns for the sponsor; the PDF carries both signatures and the hash.
    page.goto(record)
    page.get_by_label("Type your full name to countersign").fill(grace.full_name)
    page.get_by_role("button", name="Countersign for the sponsor").click()
    expect(page.get_by_text("Countersigned.")).to_be_visible()
    agreement = Agreement.objects.get(apprentice=ed_apprentice)
    assert agreement.is_signed and agreement.pdf
    page.goto(record)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the signed Agreement (PDF)").click()
    text = " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "Ed Evans" in text and grace.full_name in text
    assert agreement.sha256 in "".join(text.split())
    assert_accessible(page)

    # Now the registration goes through.
    page.get_by_label("RAPIDS apprentice number").fill("MO2026-00077")
    page.get_by_role("button", name="Record the registration").click()
    expect(page.locator("#status")).to_have_text("Probation")
    ed_page.goto(f"{live_server.url}/wages/me/agreement/")
    expect(ed_page.get_by_role("link", name="Download the signed Agreement (PDF)")).to_be_visible()
    phone.close()
