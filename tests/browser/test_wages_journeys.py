"""Wages in real Chromium: staff record a passing exam, the raise waits for approval, the
admin approves it after confirming, and the apprentice sees the new rate on a phone; the
hiring manager reads their apprentice's wages; staff set a new schedule version."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from programs.models import WageRate
from programs.services import wage_schedule_save
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on
from wages.models import CertificationExam, ExamAttempt, WageStep
from wages.steps import hire_step_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Trigger = WageRate.Trigger


@pytest.fixture
def ready(ed_apprentice, cardiology, clinical_track, grace):
    program = clinical_track.program
    program.pay_period_start = timezone.localdate() - timedelta(days=20)
    program.pay_period_days = 14
    program.save()
    wage_schedule_save(
        track=clinical_track,
        rates=[
            (Trigger.HIRE, None, Decimal("18.50")),
            (Trigger.EXAM, None, Decimal("20.00")),
            (Trigger.HOURS, 1000, Decimal("20.50")),
        ],
        note="2026",
        by=grace,
    )
    ed_apprentice.department = cardiology
    ed_apprentice.starting_hourly_rate = Decimal("18.50")
    ed_apprentice.save(update_fields=["department", "starting_hourly_rate"])
    hire_step_record(apprentice=ed_apprentice)
    exam = CertificationExam.objects.create(
        track=clinical_track, name="CCMA (NHA)", pass_mark=70, max_score=100
    )
    ExamAttempt.objects.create(
        apprentice=ed_apprentice, exam=exam, scheduled_on=timezone.localdate()
    )
    return ed_apprentice


def test_a_passed_exam_becomes_a_raise_the_apprentice_sees_on_a_phone(
    browser: Browser, live_server, alice, grace, ed, bob, ready
):
    staff = browser.new_context().new_page()
    sign_in_on(staff, live_server.url, alice)
    staff.goto(f"{live_server.url}/wages/apprentices/{ready.pk}/")
    staff.get_by_label("Score").fill("84")
    staff.get_by_label("Certificate number (when passed)").fill("NHA-5512")
    staff.get_by_role("button", name="Record the result").click()
    expect(staff.get_by_text("Result recorded.")).to_be_visible()
    staff.get_by_role("link", name="Wages of Ed Evans").first.click()
    expect(staff.get_by_role("heading", name="Waiting for approval")).to_be_visible()
    expect(staff.get_by_text("Certification exam passed").first).to_be_visible()
    assert_accessible(staff)

    admin = browser.new_context().new_page()
    sign_in_on(admin, live_server.url, grace)
    admin.get_by_role("link", name="Wages").first.click()
    row = admin.get_by_role("row").filter(has_text="Ed Evans")
    expect(row).to_contain_text("$20.00")
    assert_accessible(admin)
    admin.get_by_label("Ed Evans").check()
    admin.get_by_role("button", name="Approve the selected raises…").click()
    expect(admin.get_by_role("heading", name="Approve these raises?")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("button", name="Approve 1 raise").click()
    expect(admin.get_by_text("1 raise approved.")).to_be_visible()
    expect(admin.get_by_text("No raise is waiting for approval.")).to_be_visible()
    step = WageStep.objects.get(apprentice=ready, trigger=Trigger.EXAM)
    assert (step.status, step.hourly_rate) == ("approved", Decimal("20.00"))
    # Paid from the next pay period: for the test, that period has begun.
    WageStep.objects.filter(pk=step.pk).update(effective_on=timezone.localdate())

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_on(phone, live_server.url, ed)
    phone.goto(f"{live_server.url}/wages/me/")
    expect(phone.locator("#rate-now")).to_contain_text("$20.00")
    expect(phone.locator("#next-step")).to_contain_text("$20.50")
    expect(phone.get_by_role("cell", name="$18.50")).to_be_visible()
    assert_accessible(phone)

    manager = browser.new_context().new_page()
    sign_in_on(manager, live_server.url, bob)
    manager.get_by_role("link", name="Apprentices' wages").first.click()
    expect(manager.get_by_role("row").filter(has_text="Ed Evans")).to_contain_text("$20.00")
    assert_accessible(manager)


def test_the_admin_sets_a_new_schedule_version(page: Page, live_server, grace, ready):
    sign_in_on(page, live_server.url, grace)
    page.goto(f"{live_server.url}/wages/schedules/")
    assert_accessible(page)
    page.get_by_role("link", name="New version of the Clinical").first.click()
    page.get_by_label("Hire rate ($ an hour)").fill("19.00")
    page.get_by_label("What changed").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    page.get_by_label("What changed").fill("Market adjustment, January 2027")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("New schedule saved")).to_be_visible()
    expect(page.get_by_text("Version 2").first).to_be_visible()
    expect(page.get_by_role("cell", name="$19.00")).to_be_visible()
    assert_accessible(page)
