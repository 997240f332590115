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
