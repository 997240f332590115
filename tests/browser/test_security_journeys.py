"""Security journeys in Chromium: an admin sets up two-step sign-in and signs in with it;
staff record an SSN that stays masked; the admin downloads the RAPIDS file and finds the
download, and the changes, in the audit log."""

import base64
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.applicants.factories import SubmittedApplicationFactory
from tests.browser.conftest import assert_accessible, sign_in_on
from tests.cohorts.factories import ApprenticeFactory, CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_for(secret_text: str, drift: int = 0) -> str:
    key = secret_text.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key), drift=drift):06d}"


def test_an_admin_must_set_up_two_step_sign_in_and_then_signs_in_with_a_code(
    sign_in, page: Page, live_server, grace, settings
):
    settings.OTP_REQUIRED_FOR_ADMINS = True
    sign_in(grace)

    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    expect(page.get_by_text("Program admins sign in in two steps")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("code").inner_text()

    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Turn two-step sign-in on").click()
    expect(page.locator("#id_token").locator("xpath=..")).to_contain_text("That code is not right")
    page.wait_for_timeout(1100)  # django-otp makes you wait a second after a wrong code
    page.get_by_role("textbox", name="Code").fill(_code_for(secret))
    page.get_by_role("button", name="Turn two-step sign-in on").click()

    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    expect(page.locator(".backup-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have saved them").click()
    expect(page.get_by_text("You have 10 backup codes left.")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(grace)
    expect(page).to_have_url(re.compile(r"/accounts/two-step/verify/"))
    assert_accessible(page)
    # A code of a later time step than the one used at set-up (a code is good once): the next
    # step if the clock is still in the set-up's, else the current one (never two steps ahead,
    # outside the tolerance, however slowly the test ran).
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=grace)
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    page.get_by_role("textbox", name="Code").fill(
        _code_for(secret, drift=max(0, device.last_t + 1 - now))
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome, Grace"))).to_be_visible()


def test_staff_record_an_ssn_and_the_admin_exports_it_to_rapids_with_an_audit_trail(
    page: Page, live_server, alice, grace, clinical_track, browser
):
    program = clinical_track.program
    program.rapids_employer_id, program.rapids_rti_provider_id = "EMP-1", "RTI-1"
    program.save()
    clinical_track.rapids_wage_schedule_id = "WS-1"
    clinical_track.save()
    cohort = CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))
    apprentice = ApprenticeFactory(
        cohort=cohort,
        starting_hourly_rate=Decimal("18.25"),
        person__first_name="Maria",
        person__last_name="Lopez",
        person__date_of_birth=date(1994, 5, 6),
    )
    SubmittedApplicationFactory()  # someone else in the pipeline

    staff = sign_in_on(browser.new_context().new_page(), live_server.url, alice)
    staff.goto(f"{live_server.url}/apply/pipeline/{apprentice.application_id}/")
    staff.get_by_role("link", name="Record").click()
    assert_accessible(staff)
    staff.get_by_label("Social Security number").fill("123-45-678")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_text("Enter nine digits, like 123-45-6789.", exact=True)).to_be_visible()
    staff.get_by_label("Social Security number").fill("123-45-6789")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_text("•••-••-6789")).to_be_visible()
    expect(staff.get_by_text("123-45-6789")).to_have_count(0)

    sign_in_on(page, live_server.url, grace)
    page.goto(f"{live_server.url}/classroom/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="RAPIDS registration").click()
    # Her row is flagged: the application had no address; the admin completes the record.
    expect(page.get_by_text("Apprentice 5-Digit Zip Code is missing.")).to_be_visible()
    expect(page.get_by_text("0 of 1 row ready.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Complete the details of Maria Lopez").click()
    page.get_by_label("Street address").fill("4901 Forest Park Ave")
    page.get_by_label("City").fill("St. Louis")
    page.get_by_label("State").select_option("MO")
    page.get_by_label("ZIP code").fill("6310")
    page.get_by_label("Highest level of education completed").select_option("3")
    page.get_by_label("Wage in the last job").fill("14.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Five digits, like 63110.", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("ZIP code").fill("63108")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1 of 1 row ready.")).to_be_visible()
    expect(page.get_by_text("Ready", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the RAPIDS file (1 row, CSV)").click()
    content = Path(download.value.path()).read_text()
    assert "123-45-6789" in content and "05/06/1994" in content
    assert content.startswith("Date Apprenticeship Begins,Apprentice First Name,")
    assert "4901 Forest Park Ave,St. Louis,MO,63108" in content

    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("Log").select_option("personal")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("cell", name="Export", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Alice Alvarez").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Log").select_option("changes")
    page.get_by_label("Record", exact=True).select_option(label="User")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text(re.compile(r"\d+ changes?"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Records retention purges").click()
    expect(page.get_by_text("No purge has run yet.")).to_be_visible()
    assert_accessible(page)
