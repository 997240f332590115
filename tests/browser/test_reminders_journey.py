"""Reminders in real Chromium: an instructor sees the bell count rise after the sweep, opens
the notification, follows it to the attendance sheet, takes attendance, and the item is gone;
at phone size too."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from classroom.models import ClassSession
from reminders import services
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_instructor_follows_a_reminder_to_the_sheet_and_it_goes(
    browser: Browser, live_server, ivy, cohort, ed_apprentice
):
    # Only last week's class is untaken (today's is not over when the test runs).
    last_week = timezone.localdate() - timedelta(days=7)
    ClassSession.objects.filter(cohort=cohort).exclude(date=last_week).update(
        status=ClassSession.Status.CANCELLED
    )
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_on(page, live_server.url, ivy)
    page.get_by_role("button", name="Toggle navigation").click()
    expect(page.locator("#bell")).to_have_text("Notifications")
    services.sweep()
    page.reload()
    page.get_by_role("button", name="Toggle navigation").click()
    expect(page.locator("#bell-count")).to_contain_text("1")
    assert_accessible(page)
    page.locator("#bell").click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Take attendance").first.click()
    expect(page.get_by_role("heading", name="Attendance")).to_be_visible()
    page.get_by_role("button", name="Everyone not marked is present: save").click()
    page.goto(f"{live_server.url}/reminders/")
    expect(page.get_by_text("Nothing is due. Well done.")).to_be_visible()
    page.get_by_role("button", name="Toggle navigation").click()
    expect(page.locator("#bell-count")).to_have_count(0)
    assert_accessible(page)


def test_staff_see_what_was_sent_and_what_comes_next(
    browser: Browser, live_server, alice, grace, cohort, ivy
):
    services.sweep()
    page = browser.new_context().new_page()
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/reminders/activity/")
    expect(page.get_by_role("heading", name="Sent", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Attendance not taken").first).to_be_visible()
    assert_accessible(page)
    admin = browser.new_context().new_page()
    sign_in_on(admin, live_server.url, grace)
    admin.goto(f"{live_server.url}/reminders/settings/")
    admin.get_by_label("Certification exam in a week: after (days)").fill("5")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_text("Reminder rules saved.")).to_be_visible()
    expect(admin.get_by_label("Certification exam in a week: after (days)")).to_have_value("5")
    assert_accessible(admin)
