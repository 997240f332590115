"""The invitations to current apprentices to self-identify a disability (29 CFR 30.11(c)):
each once, then a reminder every year that they may update their answer."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from applicants.models import DisabilityInvitation, DisabilityStage, Person
from applicants.services import disability_invite
from applicants.services.disability import YEAR
from cohorts.models import Apprentice

# An invitation after the offer (30.11(b)) reached the person weeks before they started: it
# stands for the one-time invitation, and the yearly reminders count from it.
FIRST = [DisabilityStage.POST_OFFER, DisabilityStage.APPRENTICE]


def disability_invitations_send() -> int:
    """Nightly: the one-time invitation to each current apprentice never invited, and the
    yearly reminder to each whose latest invitation is a year old (30.11(c)(1), (c)(2)).
    Idempotent: each invitation is made once (disability_invite)."""
    people = Apprentice.objects.current().values("person_id")
    invitations = DisabilityInvitation.objects.filter(person_id__in=people)
    first = set(invitations.filter(stage__in=FIRST).values_list("person_id", flat=True))
    latest = dict(
        invitations.values("person_id").annotate(at=Max("sent_at")).values_list("person_id", "at")
    )
    due = timezone.now() - YEAR
    sent = 0
    for person in Person.objects.filter(pk__in=people):
        if person.pk not in first:
            stage = DisabilityStage.APPRENTICE
        elif latest[person.pk] <= due:
            stage = DisabilityStage.YEARLY
        else:
            continue
        sent += disability_invite(person=person, stage=stage) is not None
    return sent
