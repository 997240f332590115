"""29 CFR 30.11(b): after accepting an offer, before starting, the candidate is invited again
to self-identify a disability; the answer joins the history at the post-offer stage."""

import pytest
from django.urls import reverse

from applicants.models import DisabilityAnswer, DisabilityInvitation
from notifications.models import OutboundEmail
from tests.hiring.factories import offer_answered, released


@pytest.mark.django_db
def test_an_applicant_who_accepts_an_offer_is_invited_again(client, bob, cardiology_requisition):
    release = released(cardiology_requisition)
    application = release.application
    client.post(reverse("applicants:disability", args=[application.token]), {"disability": "no"})
    offer_answered(release, bob, accepted=True)
    invitation = DisabilityInvitation.objects.get(person=application.person)
    assert (invitation.stage, invitation.application) == ("post_offer", application)
    email = OutboundEmail.objects.get(key=f"disability-invitation:{invitation.pk}")
    assert email.to == application.person.email
    assert reverse("applicants:disability", args=[application.token]) in email.body
    client.post(reverse("applicants:disability", args=[application.token]), {"disability": "yes"})
    assert list(
        DisabilityAnswer.objects.order_by("answered_at").values_list("stage", "answer")
    ) == [("pre_offer", "no"), ("post_offer", "yes")]
    invitation.refresh_from_db()
    assert invitation.answered_at is not None


@pytest.mark.django_db
def test_a_declined_offer_brings_no_invitation(bob, cardiology_requisition):
    release = released(cardiology_requisition)
    offer_answered(release, bob, accepted=False, reason="Took another job")
    assert not DisabilityInvitation.objects.exists()


@pytest.mark.django_db
def test_the_invitation_email_is_in_the_applicants_language(bob, cardiology_requisition):
    release = released(cardiology_requisition, person__preferred_language="es")
    offer_answered(release, bob, accepted=True)
    email = OutboundEmail.objects.get(key__startswith="disability-invitation:")
    assert "discapacidad" in email.subject.lower()
