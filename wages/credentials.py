"""Interim credentials (29 CFR 29.5(b)(16)): the milestones a competency-based or hybrid
standard names, awarded when the apprentice reaches them (a work process's competencies all
signed off at the standard's level, the certification exam passed, a number of hours)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max

from clinic.models import Competency, CompetencySignoff
from clinic.selectors import LEVELS_MEETING, approved_ojl_hours
from cohorts.models import Apprentice
from programs.models import InterimCredential, Standard, WageRate
from wages.models import CredentialAward, ExamAttempt
from wages.steps import wage_step_trigger

EarnedBy = InterimCredential.EarnedBy
Status = Apprentice.Status
EARNING = (Status.PROBATION, Status.ACTIVE, Status.SUSPENDED, Status.COMPLETED)


def _earned_on(
    apprentice: Apprentice, credential: InterimCredential, hours: dict, today: date
) -> date | None:
    """The day the apprentice reached the credential's milestone, or None."""
    if credential.earned_by == EarnedBy.EXAM:
        return (
            ExamAttempt.objects.filter(apprentice=apprentice, passed=True)
            .order_by("scheduled_on")
            .values_list("scheduled_on", flat=True)
            .first()
        )
    if credential.earned_by == EarnedBy.OJL_HOURS:
        reached = hours.get(apprentice.pk, (0, 0))[0] >= (credential.ojl_hours or 0)
        return today if reached else None
    competencies = Competency.objects.filter(
        work_process__track_id=apprentice.cohort.track_id,
        work_process__title=credential.work_process_title,
        work_process__is_active=True,
        is_active=True,
    )
    level = apprentice.standard.competency_level or Standard.Level.INDEPENDENT
    signed = CompetencySignoff.objects.filter(
        apprentice=apprentice, competency__in=competencies, level__in=LEVELS_MEETING[level]
    ).values("competency")
    total = competencies.count()
    if not total or signed.distinct().count() < total:
        return None
    return signed.aggregate(last=Max("signed_on"))["last"]


@transaction.atomic
def credentials_award(*, today: date, apprentice_ids: Iterable[int] | None = None) -> int:
    """Award every interim credential now reached and not yet recorded, for these apprentices
    (or everyone still in the program). Idempotent; returns how many were awarded."""
    apprentices = Apprentice.objects.filter(
        status__in=EARNING, standard__interim_credentials__isnull=False
    ).distinct()
    if apprentice_ids is not None:
        apprentices = apprentices.filter(pk__in=list(apprentice_ids))
    apprentices = list(apprentices.select_related("standard", "cohort"))
    if not apprentices:
        return 0
    have = set(
        CredentialAward.objects.filter(apprentice__in=apprentices).values_list(
            "apprentice_id", "credential_id"
        )
    )
    hours = approved_ojl_hours(a.pk for a in apprentices)
    awarded = 0
    for apprentice in apprentices:
        for credential in apprentice.standard.interim_credentials.all():
            if (apprentice.pk, credential.pk) in have:
                continue
            earned_on = _earned_on(apprentice, credential, hours, today)
            if earned_on is not None:
                CredentialAward.objects.get_or_create(
                    apprentice=apprentice, credential=credential, defaults={"earned_on": earned_on}
                )
                # A schedule's step at the first interim credential (made once, whichever).
                wage_step_trigger(
                    apprentice=apprentice, trigger=WageRate.Trigger.CREDENTIAL, on=earned_on
                )
                awarded += 1
    return awarded


def credentials_of(
    apprentice: Apprentice,
) -> list[tuple[InterimCredential, CredentialAward | None]]:
    """The interim credentials of the apprentice's standard, each with its award if earned."""
    awards = {
        award.credential_id: award
        for award in CredentialAward.objects.filter(apprentice=apprentice)
    }
    return [
        (credential, awards.get(credential.pk))
        for credential in apprentice.standard.interim_credentials.all()
    ]
