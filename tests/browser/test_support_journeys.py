"""Support in real Chromium: a coach opens an apprentice who needs attention from their home
page, logs a check-in with a transportation barrier and a follow-up, and sees it; the
apprentice answers the week-4 survey on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from support.models import CheckIn, SurveyResponse
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on
from tests.support.conftest import coached_ed, transportation, week_4_survey  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coach_logs_a_check_in_from_the_home_page(
    page: Page,
    live_server,
    cody,
    coached_ed,  # noqa: F811
    transportation,  # noqa: F811
):
    sign_in_on(page, live_server.url, cody)
    expect(page.get_by_text("no check-in for 30 days")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ed Evans").click()
    page.get_by_label("How").select_option("phone")
    page.get_by_label("Notes").fill("The 70 bus was cut; late twice this week.")
    page.get_by_label("Transportation").check()
    page.get_by_label("Action to take").fill("Apply for the transit pass")
    page.get_by_label("Who does it").fill("Ed")
    page.get_by_label("Follow up on").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Save the check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    expect(page.get_by_text("Apply for the transit pass · Ed")).to_be_visible()
    expect(page.locator(".card").filter(has_text="The 70 bus was cut")).to_contain_text(
        "Transportation"
    )
    assert CheckIn.objects.get().barriers.get().name == "Transportation"


def test_the_apprentice_answers_the_week_4_survey_on_a_phone(
    browser,
    live_server,
    ed,
    coached_ed,  # noqa: F811
    week_4_survey,  # noqa: F811
):
    coached_ed.employment_start = timezone.localdate() - timedelta(weeks=5)
    coached_ed.save()
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = sign_in_on(phone.new_page(), live_server.url, ed)
    page.get_by_role("link", name="My coach, mentor and surveys").click()
    assert_accessible(page)
    page.get_by_role("link", name="Answer the survey: Week 4").click()
    page.get_by_role("group", name="I know what is expected of me").get_by_text("4").click()
    page.get_by_role("group", name="My preceptor helps me learn").get_by_text("5").click()
    page.get_by_label("What would you change?").fill("More EHR practice")
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers help the program improve.")).to_be_visible()
    expect(page.get_by_text("No survey is waiting for you.")).to_be_visible()
    assert SurveyResponse.objects.count() == 1
    phone.close()
