"""A member of the public books an info session (emails in Spanish); an employee's manager approves
their application from the emailed link."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from applicants.models import DepartmentApproval, InfoSession
from applicants.services import application_submit
from tests.applicants.factories import SubmittedApplicationFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_books_a_seat_at_an_info_session(page: Page, live_server, mailoutbox):
    start = timezone.now() + timedelta(days=5)
    InfoSession.objects.create(
        location_name="Workforce Development",
        address="4480 Clayton Ave",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=20,
    )
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Come to an info session").click()
    assert_accessible(page)
    page.get_by_role("link", name="Book a seat").click()
    page.get_by_label("Your name").fill("Rosa Diaz")
    page.get_by_role("textbox", name="Email").fill("rosa@example.net")
    page.get_by_label("Language for our emails").select_option("es")
    assert_accessible(page)
    page.get_by_role("button", name="Book my seat").click()
    expect(page.get_by_role("heading", name="Your seat is booked")).to_be_visible()
    expect(page.get_by_text("Rosa Diaz")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See all info sessions").click()
    expect(page.get_by_text("1 of 20 seats taken")).to_be_visible()
    assert mailoutbox[0].attachments[0][0] == "info-session.ics"


def test_an_employees_manager_approves_from_the_link(
    page: Page, live_server, clinical_track, program, gus
):
    from tests.factories import DepartmentFactory

    DepartmentFactory(program=program, name="Family Medicine").approvers.add(gus)
    application = SubmittedApplicationFactory(
        track=clinical_track,
        step="interest",
        submitted_at=None,
        is_current_employee=True,
        approver_email="gus@example.org",
        person__first_name="Tom",
        person__last_name="Ruiz",
    )
    application_submit(application=application)
    approval = DepartmentApproval.objects.get()
    page.goto(f"{live_server.url}/apply/approval/{approval.token}/")
    expect(page.get_by_text("Tom Ruiz has applied")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I approve this application").check()
    page.get_by_role("button", name="Send my decision").click()
    expect(page.get_by_text("You approved this application.")).to_be_visible()
    page.goto(f"{live_server.url}/apply/a/{application.token}/")
    expect(page.locator("#current-step")).to_contain_text("Applied")
    expect(page.get_by_text("Waiting for your manager's approval.")).to_have_count(0)
