"""Program staff run hiring: approve a requisition and release candidates to it, follow offers
outstanding, declines with their reasons and onboarding; the admin sets the onboarding
checklist and the starting wages."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.hiring.factories import (
    RequisitionFactory,
    offer_answered,
    offer_made,
    ready_for_hire,
    released,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hiring_under_way(bob, cardiology, pediatrics, clinical_track):

    from tests.clock import first_monday
    from tests.cohorts.factories import CohortFactory

    cohort = CohortFactory(track=clinical_track, start_date=first_monday(timezone.localdate(), 2))
    cardio = RequisitionFactory(
        department=cardiology, track=clinical_track, cohort=cohort, positions=3
    )
    RequisitionFactory(department=pediatrics, track=clinical_track, cohort=cohort, status="pending")
    offer_made(released(cardio, person__first_name="Omar", person__last_name="Waits"), bob)
    offer_answered(
        released(cardio, person__first_name="Dee", person__last_name="Clines"),
        bob,
        accepted=False,
        reason="Took a job closer to home",
    )
    offer_answered(released(cardio, person__first_name="Ona", person__last_name="Board"), bob)
    ready_for_hire(clinical_track, person__first_name="Rae", person__last_name="Ready")


def test_staff_follow_offers_declines_and_onboarding(
    page: Page, live_server, sign_in, alice, hiring_under_way
):
    sign_in(alice)
    page.get_by_role("link", name="Hiring").click()
    expect(page.get_by_role("heading", name="Requisitions")).to_be_visible()
    page.screenshot(path="/tmp/d-staff-list.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("link", name="waiting for approval").click()
    page.get_by_role("link", name="Pediatrics").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Requisition approved.")).to_be_visible()
    page.get_by_label("Rae Ready").check()
    page.get_by_label("Note the hiring manager may see").fill("Bilingual, great with kids")
    page.get_by_role("button", name="Release to the hiring manager").click()
    expect(page.get_by_text("1 candidate released")).to_be_visible()
    expect(page.get_by_text("Bilingual, great with kids")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Hiring").click()
    page.get_by_role("link", name="offers waiting for an answer").click()
    expect(page.get_by_role("cell", name="Omar Waits")).to_be_visible()
    expect(page.get_by_role("cell", name="Dee Clines")).to_have_count(0)
    page.get_by_role("link", name="Declined").click()
    expect(page.get_by_role("cell", name="Took a job closer to home")).to_be_visible()
    page.screenshot(path="/tmp/d-offers.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("link", name="Requisitions").first.click()
    page.get_by_role("link", name="onboarding", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Ona Board")
    expect(row).to_contain_text("0 / 6")
    page.screenshot(path="/tmp/d-onboarding.png", full_page=True)
    assert_accessible(page)


def test_the_admin_sets_the_checklist_and_the_hire_rate(
    page: Page, live_server, sign_in, grace, clinical_track
):
    sign_in(grace)
    page.get_by_role("link", name="Hiring").click()
    page.get_by_role("link", name="Onboarding checklist").click()
    expect(page.get_by_text("The standard checklist is in use")).to_be_visible()
    page.get_by_role("button", name="Make it this program's own to edit it").click()
    page.get_by_role("link", name="Edit Uniform / scrubs fitting").click()
    page.get_by_label("Due (days after the acceptance)").fill("14")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Checklist item saved.")).to_be_visible()
    page.get_by_label("Item*", exact=True).fill("Flu shot")
    page.get_by_label("Owner").fill("Employee health")
    page.get_by_label("Due (days after the acceptance)").fill("")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Please correct the following")).to_be_visible()
    page.get_by_label("Due (days after the acceptance)").fill("10")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("cell", name="Flu shot", exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Uniform")).to_contain_text("14")
    page.screenshot(path="/tmp/d-checklist.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("link", name="Onboarding", exact=True).click()
    page.get_by_role("link", name="Requisitions").first.click()
    page.get_by_role("link", name="Wage schedules").click()
    page.get_by_role("link", name=f"New version of the {clinical_track.name} schedule").click()
    page.get_by_label("Hire rate ($ an hour)").fill("19.25")
    page.get_by_label("What changed").fill("Starting rate for 2027")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("New schedule saved")).to_be_visible()
    expect(page.get_by_role("cell", name="$19.25")).to_be_visible()
    page.screenshot(path="/tmp/d-wages.png", full_page=True)
    assert_accessible(page)


def test_a_hiring_manager_closes_a_requisition_that_will_not_be_filled(
    sign_in, page: Page, live_server, bob, cardiology, clinical_track
):

    from tests.clock import first_monday
    from tests.cohorts.factories import CohortFactory

    cohort = CohortFactory(track=clinical_track, start_date=first_monday(timezone.localdate(), 3))
    requisition = RequisitionFactory(department=cardiology, track=clinical_track, cohort=cohort)
    released(requisition, person__first_name="Kai", person__last_name="Later")

    sign_in(bob)
    page.goto(f"{live_server.url}/hiring/requisitions/{requisition.pk}/")
    assert_accessible(page)
    page.get_by_text("Close the requisition", exact=True).click()
    page.get_by_role("button", name="Close the requisition for good").click()
    expect(page.get_by_text("Say why the requisition is closed")).to_be_visible()
    page.get_by_text("Close the requisition", exact=True).click()
    page.get_by_label("Why is it closed?").fill("The budget for this position moved to 2028")
    page.get_by_label("I understand: the requisition closes for good").check()
    page.get_by_role("button", name="Close the requisition for good").click()

    expect(page.get_by_text("Requisition closed.")).to_be_visible()
    expect(page.get_by_text("The budget for this position moved to 2028")).to_be_visible()
    expect(page.get_by_text("Close the requisition", exact=True)).to_have_count(0)
    assert_accessible(page)


def test_the_minimum_wage_and_an_offer_below_the_schedule(
    page: Page, live_server, sign_in, grace, cardiology, clinical_track
):
    """29 CFR 29.5(b)(5): an announced rise above the hire step is flagged on the schedules
    page; an offer below the schedule's hire rate needs program staff's reason, and shows it."""
    from decimal import Decimal

    from programs.models import WageRate
    from programs.services import wage_schedule_save
    from tests.clock import first_monday
    from tests.cohorts.factories import CohortFactory

    wage_schedule_save(
        track=clinical_track,
        rates=[(WageRate.Trigger.HIRE, None, Decimal("15.50"))],
        note="",
        by=grace,
    )
    cohort = CohortFactory(track=clinical_track, start_date=first_monday(timezone.localdate(), 2))
    requisition = RequisitionFactory(department=cardiology, track=clinical_track, cohort=cohort)
    release = released(requisition, person__first_name="Lou", person__last_name="Transfer")

    sign_in(grace)
    page.goto(f"{live_server.url}/wages/schedules/")
    page.get_by_text("Record a state or local minimum wage").click()
    page.get_by_label("State or locality").fill("Missouri")
    page.get_by_label("Minimum wage an hour ($)").fill("16.00")
    day = timezone.localdate().replace(day=1).replace(year=timezone.localdate().year + 1)
    page.get_by_label("In effect from").fill(day.isoformat())
    page.get_by_role("button", name="Record the minimum wage").click()
    expect(page.get_by_text("Minimum wage recorded.")).to_be_visible()
    expect(page.get_by_text("below Missouri's $16.00 from")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/hiring/candidates/{release.pk}/")
    page.get_by_label("Starting hourly rate ($)").fill("15.25")
    page.get_by_role("button", name="Record the offer").click()
    expect(page.get_by_text("say why this offer is below it")).to_be_visible()
    page.get_by_label("Starting hourly rate ($)").fill("15.25")
    page.get_by_label("Below the wage schedule's hire rate: why").fill("Kept at the current rate")
    page.get_by_role("button", name="Record the offer").click()
    expect(page.get_by_text("Verbal offer recorded")).to_be_visible()
    expect(page.get_by_text("Below the schedule's hire rate of $15.50")).to_be_visible()
    assert_accessible(page)
