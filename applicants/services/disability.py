"""Invitations to self-identify a disability and the answers, as a history (29 CFR 30.11).

Before the offer the invitation is on the application's own page, apart from the application
(30.11(a)); after an offer is accepted the candidate is invited again by email (30.11(b));
each current apprentice gets a one-time invitation and then a yearly reminder
(30.11(c)). Every answer is a new row; none is overwritten."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from applicants.models import (
    Application,
    DisabilityAnswer,
    DisabilityInvitation,
    DisabilityStage,
    Person,
    SelfIdentification,
)
from audit.services import personal_data_record
from notifications.services import email_enqueue_template

YEAR = timedelta(days=365)  # 29 CFR 30.11(c)(2): apprentices are reminded yearly


def _email(invitation: DisabilityInvitation) -> None:
    person = invitation.person
    if invitation.application_id and invitation.stage == DisabilityStage.POST_OFFER:
        link = reverse("applicants:disability", args=[invitation.application.token])
    else:
        link = reverse("applicants:my_disability")
    email_enqueue_template(
        key=f"disability-invitation:{invitation.pk}",
        to=person.email,
        template="applicants/email/disability_invitation",
        context={
            "person": person,
            "stage": invitation.stage,
            "link": settings.SITE_URL + link,
        },
        language=person.preferred_language or "en",
    )


@transaction.atomic
def disability_invite(
    *, person: Person, stage: str, application: Application | None = None
) -> DisabilityInvitation | None:
    """Invite once per stage (per application after an offer; per year for the reminder) and
    email the link. None when this invitation was already made."""
    Person.objects.select_for_update().filter(pk=person.pk).first()
    made = DisabilityInvitation.objects.filter(person=person, stage=stage)
    if stage == DisabilityStage.POST_OFFER:
        made = made.filter(application=application)
    elif stage == DisabilityStage.YEARLY:
        made = made.filter(sent_at__gt=timezone.now() - YEAR)
    if made.exists():
        return None
    invitation = DisabilityInvitation.objects.create(
        person=person, application=application, stage=stage
    )
    _email(invitation)
    return invitation


def open_invitation(*, person: Person) -> DisabilityInvitation | None:
    """The latest invitation still waiting for an answer."""
    return (
        DisabilityInvitation.objects.filter(person=person, answered_at__isnull=True)
        .select_related("application")
        .first()
    )


@transaction.atomic
def disability_answer(
    *, person: Person, answer: str, application: Application | None = None
) -> DisabilityAnswer:
    """Record an answer at the stage of the open invitation (else before an offer when it
    comes with an application, else as an update by a current apprentice)."""
    now = timezone.now()
    invitation = open_invitation(person=person)
    if invitation is not None:
        stage = invitation.stage
        application = application or invitation.application
    else:
        stage = DisabilityStage.PRE_OFFER if application else DisabilityStage.YEARLY
    row = DisabilityAnswer.objects.create(
        person=person, application=application, stage=stage, answer=answer, answered_at=now
    )
    DisabilityInvitation.objects.filter(person=person, answered_at__isnull=True).update(
        answered_at=now
    )
    if application is not None:
        # The application's voluntary answers show the latest one (the applicant's own page).
        answers, _created = SelfIdentification.objects.get_or_create(application=application)
        answers.disability, answers.disability_answered_at = answer, now
        answers.save(update_fields=["disability", "disability_answered_at", "answered_at"])
    personal_data_record(
        actor=person.user if person.user_id else None,
        obj=row,
        fields=["disability"],
        action="change",
        purpose="voluntary disability self-identification (29 CFR 30.11)",
    )
    return row
