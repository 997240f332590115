"""Closing a requisition that will not be filled: staff or its own hiring manager, with a
reason, never while an offer is out or a candidate is onboarding."""

import pytest
from django.urls import reverse

from hiring.models import Requisition
from tests.hiring.factories import offer_made, released


def _close(client, requisition, reason="The position was withdrawn"):
    return client.post(
        reverse("hiring:close", args=[requisition.pk]),
        {"reason": reason, "confirm": "on"},
        follow=True,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_staff_or_the_departments_manager_close_it_with_a_reason(
    client, request, who, cardiology_requisition
):
    candidate = released(cardiology_requisition)
    client.force_login(request.getfixturevalue(who))
    page = _close(client, cardiology_requisition).content.decode()

    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.CLOSED
    assert cardiology_requisition.close_reason == "The position was withdrawn"
    assert "Requisition closed." in page and "The position was withdrawn" in page
    candidate.application.refresh_from_db()
    assert candidate.application.step == "ready_for_hire"
    assert "Close the requisition" not in page


@pytest.mark.django_db
def test_a_missing_reason_leaves_it_open(client, alice, cardiology_requisition):
    client.force_login(alice)
    page = _close(client, cardiology_requisition, reason="  ").content.decode()
    assert "Say why the requisition is closed" in page
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.OPEN


@pytest.mark.django_db
def test_an_offer_out_must_be_answered_first(client, alice, cardiology_requisition):
    release = released(cardiology_requisition, person__first_name="Rosa")
    offer_made(release, alice)
    client.force_login(alice)
    page = _close(client, cardiology_requisition).content.decode()
    assert "record the answer to the offer or finish onboarding before closing" in page
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.OPEN


@pytest.mark.django_db
def test_a_closed_requisition_cannot_be_closed_again_or_get_candidates(
    client, alice, cardiology_requisition, clinical_track
):
    client.force_login(alice)
    _close(client, cardiology_requisition)
    page = _close(client, cardiology_requisition, reason="again").content.decode()
    assert "Only a requisition waiting for approval or open can be closed." in page
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.close_reason == "The position was withdrawn"


@pytest.mark.django_db
def test_another_departments_manager_gets_404_and_others_403(
    client, carol, ivy, ed, cardiology_requisition
):
    for user, status in ((carol, 404), (ivy, 403), (ed, 403)):
        client.force_login(user)
        response = client.post(
            reverse("hiring:close", args=[cardiology_requisition.pk]), {"reason": "x"}
        )
        assert response.status_code == status
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.OPEN


@pytest.mark.django_db
def test_closing_is_in_the_audit_log(client, alice, grace, cardiology_requisition):
    client.force_login(alice)
    _close(client, cardiology_requisition)
    client.force_login(grace)
    page = client.get(reverse("audit:log"), {"record_type": "hiring.Requisition"}).content
    assert "<ins>closed</ins>" in page.decode()


@pytest.mark.django_db
def test_closing_needs_the_confirmation_box(client, alice, cardiology_requisition):
    client.force_login(alice)
    response = client.post(
        reverse("hiring:close", args=[cardiology_requisition.pk]),
        {"reason": "The position was withdrawn"},
        follow=True,
    )
    assert "tick the box to confirm" in response.content.decode()
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.OPEN
