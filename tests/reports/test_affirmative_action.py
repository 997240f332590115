"""29 CFR 30.7 (the 7% disability analysis), 30.8 (the outreach record) and the yearly
affirmative action review that brings them together with the utilization analyses, saved with
who reviewed it and made into a PDF for the registration agency."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import DisabilityAnswer, OutreachSource
from reports.equal_opportunity import disability_utilization
from reports.models import AffirmativeActionReview, Report
from tests.applicants.factories import SubmittedApplicationFactory
from tests.cohorts.factories import ApprenticeFactory, CohortFactory


def _answer(apprentice, answer, days_ago=0):
    return DisabilityAnswer.objects.create(
        person=apprentice.person,
        stage="apprentice",
        answer=answer,
        answered_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.mark.django_db
def test_the_disability_share_is_of_every_apprentice_against_seven_percent(clinical_track):
    """30.7(d)(2): apprentices with a disability over all the occupation's apprentices; each
    person's latest answer counts; a count of one to four shows as "fewer than 5"."""
    cohort = CohortFactory(track=clinical_track)
    apprentices = [ApprenticeFactory(cohort=cohort) for _ in range(20)]
    _answer(apprentices[0], "yes")
    _answer(apprentices[1], "yes", days_ago=30)
    _answer(apprentices[1], "no")  # changed their answer: the latest counts
    for apprentice in apprentices[2:12]:
        _answer(apprentice, "no")
    result = disability_utilization(track=clinical_track)
    assert (result.apprentices, result.answered) == (20, 12)
    # 1 of 20 = 5%, under the 7% goal, in a cell of its own.
    assert result.suppressed and result.with_disability == 0 and result.under
    for apprentice in apprentices[12:18]:
        _answer(apprentice, "yes")
    result = disability_utilization(track=clinical_track)
    assert (result.with_disability, result.share_percent, result.under) == (7, "35.0%", False)


@pytest.mark.django_db
def test_outreach_is_recorded_and_shows_whom_it_brought(client, alice, clinical_track):
    client.force_login(alice)
    url = reverse("applicants:outreach")
    response = client.post(
        url,
        {
            "kind": "community_event",
            "name": "North County job fair",
            "held_on": timezone.localdate().isoformat(),
            "audience": "Adults in North St. Louis County",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    source = OutreachSource.objects.get()
    assert source.created_by == alice
    # An applicant picks it under "How did you hear about us?".
    draft = SubmittedApplicationFactory(track=clinical_track, step="interest", submitted_at=None)
    employment = reverse("applicants:employment", args=[draft.token])
    assert "North County job fair" in client.get(employment).content.decode()
    client.post(employment, {"available_for_start": "on", "outreach_source": source.pk})
    draft.refresh_from_db()
    assert draft.outreach_source == source
    SubmittedApplicationFactory(track=clinical_track, outreach_source=source)
    page = client.get(url).content.decode()
    row = page.split("North County job fair")[1].split("</tr>")[0]
    assert (
        '<td class="text-end">2</td><td class="text-end">1</td><td class="text-end">0</td>' in row
    )


@pytest.mark.django_db
def test_a_source_of_another_program_is_not_offered(client, clinical_track, program):
    from tests.factories import ProgramFactory

    other = OutreachSource.objects.create(
        program=ProgramFactory(), kind="job_board", name="Elsewhere board"
    )
    draft = SubmittedApplicationFactory(track=clinical_track, step="interest", submitted_at=None)
    employment = reverse("applicants:employment", args=[draft.token])
    assert "Elsewhere board" not in client.get(employment).content.decode()
    response = client.post(employment, {"available_for_start": "on", "outreach_source": other.pk})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.outreach_source is None


@pytest.mark.django_db
def test_the_yearly_review_is_saved_with_its_figures_and_made_into_a_pdf(
    client, grace, alice, clinical_track, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year
    OutreachSource.objects.create(
        program=clinical_track.program,
        kind="partner",
        name="Urban League",
        held_on=timezone.localdate(),
    )
    client.force_login(grace)
    url = reverse("reports:affirmative_action")
    page = client.get(url).content.decode()
    assert "is not saved yet" in page and "Urban League" in page and clinical_track.name in page
    response = client.post(
        url, {"year": year, "notes": "Men under availability.", "action_plan": "Two sessions."}
    )
    assert response.status_code == 302
    review = AffirmativeActionReview.objects.get()
    assert (review.year, review.reviewed_by, review.notes) == (
        year,
        grace,
        "Men under availability.",
    )
    assert review.figures["outreach"][0]["name"] == "Urban League"
    assert review.figures["tracks"][0]["track"] == clinical_track.name
    page = client.get(url).content.decode()
    assert "Reviewed by" in page and "Two sessions." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:affirmative_action_pdf", args=[year]))
    report = Report.objects.get(kind=Report.Kind.AFFIRMATIVE_ACTION)
    assert report.status == Report.Status.READY
    download = client.get(reverse("reports:download", args=[report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Program staff see many reports, never this one: it holds EEO figures.
    client.force_login(alice)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_a_year_out_of_range_is_404(client, grace, program):
    client.force_login(grace)
    url = reverse("reports:affirmative_action")
    assert client.get(url, {"year": timezone.localdate().year + 1}).status_code == 404
    assert client.get(url, {"year": "abc"}).status_code == 200  # the current year
    assert client.post(reverse("reports:affirmative_action_pdf", args=[1999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "ivy", "ed", "fay"])
def test_only_program_admins_review(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reports:affirmative_action")).status_code == 404
    assert not AffirmativeActionReview.objects.exists()
