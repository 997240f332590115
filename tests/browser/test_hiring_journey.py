"""A hiring manager sees only their requisition, compares two candidates and records a
verbal offer; the candidate accepts; staff complete onboarding and the apprentice appears in
the cohort roster."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hiring.models import Interview, Question
from tests.browser.conftest import assert_accessible
from tests.clock import first_monday
from tests.cohorts.factories import CohortFactory
from tests.factories import PASSWORD
from tests.hiring.factories import ReleaseFactory, RequisitionFactory, ready_for_hire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_manager_offers_and_staff_enrol(
    page: Page, browser, live_server, bob, alice, cardiology, pediatrics, clinical_track
):
    cohort = CohortFactory(track=clinical_track, start_date=first_monday(timezone.localdate(), 2))
    Question.objects.create(
        track=clinical_track, competency="Patient care", text="Tell us about a hard day."
    )
    mine = RequisitionFactory(department=cardiology, track=clinical_track, cohort=cohort)
    RequisitionFactory(department=pediatrics, track=clinical_track, cohort=cohort)
    for first, last in (("Rosa", "Diaz"), ("Ann", "Lee")):
        ReleaseFactory(
            requisition=mine,
            application=ready_for_hire(
                clinical_track, person__first_name=first, person__last_name=last
            ),
        )

    _sign_in(page, live_server, bob)
    page.get_by_role("link", name="Requisitions").click()
    expect(page.get_by_role("link", name="Cardiology")).to_be_visible()
    expect(page.get_by_role("link", name="Pediatrics")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Cardiology").click()
    expect(page.get_by_role("heading", name="Candidates side by side")).to_be_visible()
    expect(page.get_by_role("link", name="Rosa Diaz")).to_be_visible()
    expect(page.get_by_role("link", name="Ann Lee")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Rosa Diaz").click()
    page.get_by_text("Schedule an interview").click()
    page.get_by_label("Date and time").fill(f"{timezone.localdate() + timedelta(days=6)}T10:00")
    page.get_by_label("Place or video link").fill("CAM 4, Room 12")
    page.get_by_label("Bob Brennan").check()
    page.get_by_role("button", name="Schedule and send invites").click()
    expect(page.get_by_text("Interview scheduled")).to_be_visible()
    page.get_by_role("link", name="Interview kit and scorecards").click()
    expect(page.get_by_text("Tell us about a hard day.")).to_be_visible()
    expect(page.get_by_text("The scorecard opens when the interview starts")).to_be_visible()
    # The day of the interview comes.
    Interview.objects.update(starts_at=timezone.now() - timedelta(minutes=30))
    page.reload()
    page.get_by_role("group", name="Patient care").get_by_label("4").check()
    page.get_by_label("Strengths").fill("Calm and kind with patients")
    page.get_by_label("Recommendation").select_option("strong_yes")
    assert_accessible(page)
    page.get_by_role("button", name="Submit my scorecard").click()
    expect(page.get_by_text("Bob Brennan · Strong yes")).to_be_visible()
    page.get_by_role("link", name="Rosa Diaz").click()
    page.get_by_role("link", name=str(mine)).click()
    rosa_row = page.get_by_role("row").filter(has_text="Rosa Diaz")
    expect(rosa_row).to_contain_text("4.0/5")
    expect(rosa_row).to_contain_text("Strong yes: 1")
    expect(page.get_by_role("row").filter(has_text="Ann Lee")).to_contain_text("To review")
    page.screenshot(path="/tmp/d-compare.png", full_page=True)
    page.get_by_role("link", name="Rosa Diaz").click()
    page.get_by_label("Starting hourly rate ($)").fill("18.50")
    page.get_by_role("button", name="Record the offer").click()
    expect(page.get_by_text("Verbal offer recorded")).to_be_visible()
    page.get_by_label("Accepted").check()
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_text("Answer recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name="Onboarding")).to_be_visible()
    page.screenshot(path="/tmp/d-candidate.png", full_page=True)
    assert_accessible(page)

    staff = browser.new_context()
    page = staff.new_page()
    _sign_in(page, live_server, alice)
    page.goto(
        f"{live_server.url}/hiring/candidates/{mine.releases.get(application__person__first_name='Rosa').pk}/"
    )
    while page.get_by_role("button", name="done").count():
        page.get_by_role("button", name="done").first.click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Complete onboarding and enrol").click()
    expect(page.get_by_text("Rosa Diaz is enrolled")).to_be_visible()
    expect(page.get_by_role("cell", name="Rosa Diaz")).to_be_visible()
    assert_accessible(page)
    staff.close()
