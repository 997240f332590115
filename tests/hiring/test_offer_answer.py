import pytest
from django.core.exceptions import ValidationError

from applicants.models import Application
from hiring import services
from hiring.models import Release, Requisition
from tests.hiring.factories import (
    ReleaseFactory,
    offer_answered,
    offer_made,
    ready_for_hire,
    released,
)


@pytest.mark.django_db
def test_a_candidate_released_to_two_requisitions_is_placed_once(
    bob, carol, cardiology_requisition, pediatrics_requisition, clinical_track
):
    application = ready_for_hire(clinical_track)
    mine = ReleaseFactory(requisition=cardiology_requisition, application=application)
    theirs = ReleaseFactory(requisition=pediatrics_requisition, application=application)
    offer_answered(mine, bob)
    theirs.refresh_from_db()
    assert theirs.status == Release.Status.PLACED_ELSEWHERE
    with pytest.raises(ValidationError, match="cannot receive an offer"):
        offer_made(theirs, carol)


@pytest.mark.django_db
def test_after_a_decline_another_requisition_may_offer(
    bob, carol, cardiology_requisition, pediatrics_requisition, clinical_track
):
    application = ready_for_hire(clinical_track)
    mine = ReleaseFactory(requisition=cardiology_requisition, application=application)
    theirs = ReleaseFactory(requisition=pediatrics_requisition, application=application)
    offer_answered(mine, bob, accepted=False, reason="Prefers pediatrics")
    assert Application.objects.get().step == "ready_for_hire"
    offer_made(theirs, carol)
    assert Application.objects.get().step == "offered"
    with pytest.raises(ValidationError):
        offer_made(mine, bob)


@pytest.mark.django_db
def test_one_offer_at_a_time(bob, carol, cardiology_requisition, pediatrics_requisition):
    release = released(cardiology_requisition)
    other = ReleaseFactory(requisition=pediatrics_requisition, application=release.application)
    offer_made(release, bob)
    with pytest.raises(ValidationError, match="cannot receive an offer"):
        offer_made(other, carol)


@pytest.mark.django_db
def test_the_requisition_fills_itself_when_every_position_is_accepted(bob, cardiology_requisition):
    cardiology_requisition.positions = 2
    cardiology_requisition.save()
    offer_answered(released(cardiology_requisition), bob)
    offer_answered(released(cardiology_requisition), bob, accepted=False, reason="Moved")
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.OPEN
    offer_answered(released(cardiology_requisition), bob)
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == Requisition.Status.FILLED
    assert cardiology_requisition.filled_at is not None


@pytest.mark.django_db
def test_an_offer_is_answered_once(bob, rosa_release):
    offer = offer_answered(rosa_release, bob)
    with pytest.raises(ValidationError, match="already answered"):
        services.offer_answer(
            offer=offer, accepted=False, answered_on=offer.answered_on, reason="x", by=bob
        )
