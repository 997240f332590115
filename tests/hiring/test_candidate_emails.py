"""The candidate is emailed at each step, in their language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hiring import services
from tests.hiring.factories import offer_answered, released


@pytest.mark.django_db
def test_a_spanish_speaking_candidate_gets_every_email_in_spanish(
    bob, alice, cardiology_requisition, mailoutbox, django_capture_on_commit_callbacks
):
    release = released(cardiology_requisition, person__preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_schedule(
            release=release,
            starts_at=timezone.now() + timedelta(days=2),
            minutes=45,
            place="CAM 4",
            panel=[bob],
            by=bob,
        )
        offer_answered(release, bob)
        for item in release.onboarding.all():
            services.onboarding_item_done(item=item, by=alice)
        services.onboarding_complete(release=release, by=alice)
    to_candidate = [m for m in mailoutbox if m.to == [release.application.person.email]]
    # 29 CFR 30.11(b): accepting brings the invitation to self-identify a disability, in Spanish.
    invitation = "Invitación a identificar voluntariamente una discapacidad"
    assert [m.subject for m in to_candidate].count(invitation) == 1
    to_candidate = [m for m in to_candidate if m.subject != invitation]
    subjects = [m.subject for m in to_candidate]
    assert len(subjects) == 4
    assert subjects[1] == "Su oferta del programa de aprendizaje"
    assert subjects[3] == "Bienvenido/a al programa de aprendizaje"
    assert "Su incorporación está completa" in to_candidate[3].body
    assert to_candidate[0].attachments[0][0] == "interview.ics"
    to_bob = [m for m in mailoutbox if m.to == ["bob@example.org"]]
    assert to_bob and "Interview panel" in to_bob[0].subject
    # Enrolled, the apprenticeship agreement waits for their signature, in Spanish (29.7).
    agreement = release.application.apprentice.agreements.get()
    assert (agreement.kind, agreement.language) == ("original", "es")
    assert agreement.apprentice_signed_at is None


@pytest.mark.django_db
def test_an_acceptance_sends_the_offer_and_the_next_steps(
    bob, cardiology_requisition, mailoutbox, django_capture_on_commit_callbacks
):
    release = released(cardiology_requisition)
    with django_capture_on_commit_callbacks(execute=True):
        offer_answered(release, bob)
    keys = [m.subject for m in mailoutbox]
    assert sorted(keys) == sorted(
        [
            "Your apprenticeship offer",
            "Welcome! Your next steps",
            "Invitation to self-identify a disability (voluntary)",  # 29 CFR 30.11(b)
        ]
    )
