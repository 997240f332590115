"""Reports in real Chromium: staff ask for an apprentice's progress report from the status
page, find it under My reports and download the PDF; the apprentice asks for their own."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_make_and_download_a_progress_report(page: Page, live_server, alice, ed_apprentice):
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/wages/apprentices/{ed_apprentice.pk}/")
    page.get_by_role("button", name="Make the progress report (PDF)").click()
    expect(page.get_by_role("heading", name="My reports")).to_be_visible()
    link = page.get_by_role("link", name="Download Progress report of Ed Evans (PDF)")
    expect(link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("progress-report-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_staff_ask_for_the_program_report_and_open_it(
    page: Page, live_server, alice, ed_apprentice, clinical_track
):
    sign_in_on(page, live_server.url, alice)
    page.get_by_role("link", name="Reports").first.click()
    page.get_by_role("link", name="Make a program report").click()
    page.get_by_label("Track").select_option(str(clinical_track.pk))
    page.get_by_label("Period from").fill("2026-01-01")
    page.get_by_label("Period to").fill("2026-12-31")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The report is being made")).to_be_visible()
    expect(page.get_by_role("link", name="as CSV")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Program report").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
