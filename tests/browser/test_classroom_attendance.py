"""An instructor takes attendance on a phone; the apprentice sees the hours; a make-up
session restores the hours lost to lateness."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from classroom.services import class_schedule_generate
from tests.browser.conftest import assert_accessible
from tests.cohorts.factories import ApprenticeFactory, CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def classroom(clinical_track, ivy, ed):
    today = timezone.localdate()
    cohort = CohortFactory(
        track=clinical_track,
        start_date=today - timedelta(days=21 + today.weekday()),
        class_weekday=today.weekday(),
    )
    cohort.instructors.add(ivy)
    class_schedule_generate(cohort=cohort)
    ed_apprentice = ApprenticeFactory(
        cohort=cohort, person__first_name="Ed", person__last_name="Evans"
    )
    ed_apprentice.person.user = ed
    ed_apprentice.person.save()
    ApprenticeFactory(cohort=cohort, person__first_name="Amy", person__last_name="Ames")
    return cohort


def test_instructor_marks_attendance_on_a_phone_and_a_makeup_restores_hours(
    browser, live_server, classroom, ivy, ed
):
    from tests.factories import PASSWORD

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page: Page = phone.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(ivy.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("link", name="Today's classes").click()
    page.get_by_role("link", name="Clinical Medical Assistant").first.click()
    expect(page.get_by_role("heading", name="Attendance")).to_be_visible()
    assert_accessible(page)

    ed_row = page.get_by_role("group", name="Ed Evans")
    expect(ed_row.get_by_label("Minutes late")).to_be_hidden()  # only on a row marked late
    ed_row.get_by_text("Late", exact=True).click()
    ed_row.get_by_label("Minutes late").fill("50")
    page.get_by_role("group", name="Amy Ames").get_by_text("Present", exact=True).click()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved for 2 apprentices.")).to_be_visible()
    expect(ed_row).to_contain_text("3 h credited")

    # Ed lost an hour; a make-up session of one hour today brings him back to four.
    page.get_by_role("link", name="Cohort", exact=True).click()
    page.get_by_role("link", name="Schedule a make-up").click()
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Hours").fill("1")
    page.get_by_label("Ed Evans").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("make-up session", exact=True)).to_be_visible()
    page.get_by_role("button", name="Everyone not marked is present: save").click()
    expect(page.get_by_text("Attendance saved for 1 apprentice.")).to_be_visible()
    expect(page.get_by_role("group", name="Ed Evans")).to_contain_text("1 h credited")
    phone.close()

    apprentice_phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = apprentice_phone.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(ed.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/classroom/me/")
    expect(page.locator("#rti-attended")).to_have_text("4 h")
    expect(page.get_by_text("Late (50 min)")).to_be_visible()
    expect(page.get_by_text("make-up").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="test-results/apprentice-my-classes.png", full_page=True)
    apprentice_phone.close()


def test_the_cohort_page_tells_its_tables_apart(
    sign_in, page: Page, live_server, ivy, cohort, ed_apprentice
):
    """The roster and the class schedule scroll sideways in regions named for each (axe's
    landmark-unique), at desktop and phone sizes."""
    sign_in(ivy)
    page.goto(f"{live_server.url}/classroom/cohorts/{cohort.pk}/")
    expect(page.get_by_role("region", name="Roster (scrolls sideways)")).to_be_visible()
    expect(page.get_by_role("region", name="Class schedule (scrolls sideways)")).to_be_visible()
    assert_accessible(page)
