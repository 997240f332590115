"""The side-by-side comparison of the candidates released to a requisition."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import TestResult
from hiring import services
from hiring.models import Question
from tests.hiring.factories import released


@pytest.fixture
def kit(clinical_track):
    for order, competency in enumerate(("Patient care", "Teamwork")):
        Question.objects.create(
            track=clinical_track, competency=competency, text=f"{competency}?", order=order
        )


def interview(release, *panel):
    return services.interview_schedule(
        release=release,
        starts_at=timezone.now() + timedelta(days=1),
        minutes=45,
        place="CAM 4",
        panel=panel,
        by=panel[0],
    )


def score(interview, panelist, ratings, recommendation="yes"):
    interview.starts_at = timezone.now() - timedelta(hours=1)  # the interview has happened
    return services.scorecard_submit(
        interview=interview,
        panelist=panelist,
        ratings=ratings,
        strengths="Kind",
        concerns="",
        recommendation=recommendation,
    )


@pytest.mark.django_db
def test_two_candidates_side_by_side_with_levels_and_interview_results(
    client, bob, cardiology_requisition, kit
):
    rosa = released(cardiology_requisition, person__first_name="Rosa", person__last_name="Diaz")
    ann = released(cardiology_requisition, person__first_name="Ann", person__last_name="Lee")
    TestResult.objects.create(
        application=rosa.application, kind="workkeys_applied_math", value=5, tested_on="2026-11-01"
    )
    score(interview(rosa, bob), bob, {"Patient care": 5, "Teamwork": 4}, "strong_yes")
    interview(ann, bob)
    client.force_login(bob)
    response = client.get(reverse("hiring:requisition", args=[cardiology_requisition.pk]))
    cards = {c.application.person.first_name: c for c in response.context["cards"]}
    assert cards["Rosa"].interview_summary["average"] == 4.5
    assert cards["Rosa"].levels["workkeys"]["applied_math"] == 5
    assert cards["Ann"].interview_summary["hidden"] is True
    page = response.content.decode()
    assert "Rosa Diaz" in page and "Ann Lee" in page
    assert "Strong yes: 1" in page
    assert "Submit your scorecard to see the panel" in page
    assert "1995" not in page


@pytest.mark.django_db
def test_a_panel_member_sees_no_scores_before_submitting_their_own(
    client, bob, alice, cardiology_requisition, kit
):
    rosa = released(cardiology_requisition)
    held = interview(rosa, bob, alice)
    score(held, alice, {"Patient care": 2, "Teamwork": 2}, "no")
    client.force_login(bob)
    response = client.get(reverse("hiring:requisition", args=[cardiology_requisition.pk]))
    (card,) = response.context["cards"]
    assert card.interview_summary["average"] is None
    assert "No: 1" not in response.content.decode()
    score(held, bob, {"Patient care": 4, "Teamwork": 4})
    response = client.get(reverse("hiring:requisition", args=[cardiology_requisition.pk]))
    assert response.context["cards"][0].interview_summary["average"] == 3.0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["carol", "fay", "dana"])
def test_others_cannot_open_the_comparison(client, request, who, cardiology_requisition):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("hiring:requisition", args=[cardiology_requisition.pk]))
    assert response.status_code == (404 if who == "carol" else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_comparison_query_count_is_constant(
    client, bob, cardiology_requisition, kit, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        release = released(cardiology_requisition)
        score(interview(release, bob), bob, {"Patient care": 4, "Teamwork": 3})
    client.force_login(bob)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("hiring:requisition", args=[cardiology_requisition.pk]))
    assert len(response.context["cards"]) == rows
