"""Equal opportunity in real Chromium (29 CFR 30): an applicant on a phone, in Spanish, reads
the pledge and answers the invitation after accepting an offer; an apprentice answers the
yearly reminder on a phone; staff record outreach that an applicant then names; the admin
enters two-factor availability with goals, saves the year's review and asks for its PDF."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from applicants.models import (
    Application,
    DisabilityAnswer,
    DisabilityStage,
    OutreachSource,
)
from applicants.services import disability_invite
from cohorts.disability import disability_invitations_send
from reports.models import AffirmativeActionReview, Availability
from tests.applicants.factories import SubmittedApplicationFactory
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_applicant_answers_the_invitation_after_the_offer_on_a_phone_in_spanish(
    page: Page, live_server, clinical_track
):
    page.set_viewport_size(PHONE)
    application = SubmittedApplicationFactory(
        track=clinical_track, step="onboarding", person__preferred_language="es"
    )
    disability_invite(
        person=application.person, stage=DisabilityStage.POST_OFFER, application=application
    )
    page.goto(f"{live_server.url}/apply/a/{application.token}/")
    expect(
        page.get_by_role("heading", name="Compromiso de igualdad de oportunidades")
    ).to_be_visible()
    expect(page.get_by_text("300 días").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/apply/a/{application.token}/disability/")
    expect(page.get_by_text("7% de los aprendices")).to_be_visible()
    page.get_by_label("No, no tengo una discapacidad").check()
    assert_accessible(page)
    page.get_by_role("button", name="Guardar mi respuesta").click()
    expect(page.get_by_text("Su respuesta se guarda aparte")).to_be_visible()
    answer = DisabilityAnswer.objects.get()
    assert (answer.stage, answer.answer) == ("post_offer", "no")


def test_an_apprentice_answers_the_invitation_on_a_phone(
    page: Page, live_server, ed, ed_apprentice
):
    disability_invitations_send()
    page.set_viewport_size(PHONE)
    sign_in_on(page, live_server.url, ed)
    expect(page.get_by_text("Invitation to self-identify a disability")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Answer the disability invitation").click()
    page.get_by_label("Yes, I have a disability (or previously had one)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Your answer is kept apart from your records")).to_be_visible()
    expect(page.get_by_text("Invitation to self-identify a disability")).to_have_count(0)
    assert DisabilityAnswer.objects.get(person=ed_apprentice.person).answer == "yes"


def test_staff_record_outreach_that_an_applicant_names(
    page: Page, live_server, alice, clinical_track
):
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/apply/pipeline/")
    page.get_by_role("link", name="Outreach and recruitment").click()
    page.get_by_label("Kind").select_option("partner")
    page.get_by_label("Name").fill("Urban League")
    page.get_by_label("Audience reached").fill("Career changers, 18-40")
    assert_accessible(page)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Outreach recorded.")).to_be_visible()
    expect(page.get_by_role("link", name="Urban League")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    draft = SubmittedApplicationFactory(track=clinical_track, step="interest", submitted_at=None)
    page.goto(f"{live_server.url}/apply/a/{draft.token}/work/")
    page.get_by_label("I can start on the first Monday of the month").check()
    page.get_by_label("How did you hear about us?").select_option(label="Urban League")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    assert Application.objects.get(pk=draft.pk).outreach_source == OutreachSource.objects.get()


def test_the_admin_enters_availability_reviews_the_year_and_asks_for_the_pdf(
    page: Page, live_server, grace, clinical_track
):
    sign_in_on(page, live_server.url, grace)
    today = timezone.localdate()
    page.goto(
        f"{live_server.url}/reports/equal-opportunity/?track={clinical_track.pk}"
        f"&start={today.replace(month=1, day=1)}&end={today}"
    )
    page.get_by_role("link", name="Enter the availability figures and goals").click()
    page.get_by_label("Labour market area: source of the figures").fill("ACS 2019-2023")
    page.get_by_label("Feeder pool: source of the figures").fill("HR, eligible PCTs")
    page.get_by_label("Weight of the labour market area (%)").fill("60")
    page.get_by_label("Male: share in the labour market area (%)", exact=True).fill("15")
    page.get_by_label("Male: share in the feeder pool (%)", exact=True).fill("10")
    page.get_by_label("Male: goal (%), blank for the availability", exact=True).fill("15")
    assert_accessible(page)
    page.get_by_role("button", name="Save the figures").click()
    expect(page.get_by_text("Availability figures saved.")).to_be_visible()
    male = Availability.objects.get(group="male")
    assert (str(male.percent), str(male.goal_percent)) == ("13.00", "15.00")
    expect(page.get_by_role("cell", name="15.00%")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="The yearly affirmative action review").click()
    page.get_by_label("Findings").fill("Men are under their availability.")
    page.get_by_label("Action plan").fill("Two information sessions with the veterans center.")
    assert_accessible(page)
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Reviewed by Grace Okafor")).to_be_visible()
    assert AffirmativeActionReview.objects.get().action_plan.startswith("Two information")
    page.get_by_role("button", name="Make the PDF for the registration agency").click()
    link = page.get_by_role("link", name=f"Download Affirmative action review {today.year}")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
