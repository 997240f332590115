"""A member of the public applies and comes back by the private link; staff record the
testing day and clear the screening; the applicant reaches ready for hire."""

import pytest
from playwright.sync_api import Page, expect

from applicants.models import Application
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_applies_and_staff_take_them_to_ready_for_hire(
    page: Page, live_server, clinical_track, alice
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=f"Apply for {clinical_track.name}").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Diaz")
    page.get_by_role("textbox", name="Email").fill("rosa@example.net")
    page.get_by_label("Phone").fill("314-555-0101")
    page.get_by_role("button", name="Start my application").click()

    expect(page.get_by_role("heading", name="Your background")).to_be_visible()
    page.get_by_label("Date of birth").fill("1996-04-02")
    page.get_by_label("Home street address").fill("4901 Forest Park Ave")
    page.get_by_label("City").fill("St. Louis")
    page.get_by_label("State").select_option("MO")
    page.get_by_label("ZIP code").fill("63108")
    page.get_by_label("Highest level of education completed").select_option("3")
    page.get_by_label("Months of healthcare work experience, in total").fill("36")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    # She leaves and comes back later by her private link: the form resumes where she was.
    token = Application.objects.get().token
    page.goto(f"{live_server.url}/apply/a/{token}/")
    expect(page.get_by_role("heading", name="Work and availability")).to_be_visible()
    page.get_by_label("I can start on the first Monday").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Documents")).to_be_visible()
    page.get_by_label("Kind of document").select_option("resume")
    page.get_by_label("File (PDF, JPG or PNG, up to 5 MB)").set_input_files(
        {"name": "resume.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 resume"}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Resume: resume.pdf")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Continue to review").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("#current-step")).to_contain_text("Applied")
    assert_accessible(page)

    staff = page.context.browser.new_context()
    page = staff.new_page()
    from tests.factories import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Pipeline").click()
    expect(page.get_by_role("link", name="Rosa Diaz")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Testing day").click()
    page.get_by_label("Entrance exam score (Rosa Diaz)").fill("84")
    page.get_by_label("Typing (words per minute) (Rosa Diaz)").fill("42")
    page.get_by_label("WorkKeys Applied Math (Rosa Diaz)").fill("4")
    assert_accessible(page)
    page.get_by_role("button", name="Save results").click()
    expect(page.get_by_text("Results saved for 1 applicant.")).to_be_visible()

    page.get_by_role("link", name="Rosa Diaz").click()
    for kind in ("Background check", "Drug screen"):
        page.get_by_label("Screening").select_option(label=kind)
        page.get_by_label("Result").select_option(label="Cleared")
        page.get_by_label("Date*", exact=True).fill("2026-11-23")
        page.get_by_role("button", name="Record screening").click()
        expect(page.get_by_text("Screening recorded.")).to_be_visible()
    expect(page.get_by_text("Ready for hire").first).to_be_visible()
    assert_accessible(page)
    staff.close()
