"""Writes of wage steps: a trigger (hire, exam passed, OJL hours reached, completion) makes a
pending step paid from the next pay period; staff approve one or many, which fixes the rate
from the schedule in force; credit for prior experience counts as OJL hours and can earn an
hours step at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.uploads import sniff
from apprenticeship.batch import each_reporting_refusals
from clinic.models import Competency, CompetencySignoff, HoursAdjustment, WorkProcess
from clinic.selectors import approved_ojl_hours
from clinic.signals import competency_signed_off
from cohorts.models import Apprentice, ApprenticeEvent
from cohorts.services import apprentice_record_note
from programs.models import WageRate
from programs.selectors import current_rates
from wages.models import PriorExperienceCredit, WageStep

Trigger = WageRate.Trigger
Status = Apprentice.Status
# Apprentices who can still earn a raise.
EARNING = (Status.PENDING_REGISTRATION, Status.PROBATION, Status.ACTIVE, Status.SUSPENDED)


def step_key(trigger: str, ojl_hours: int | None = None) -> str:
    return f"hours-{ojl_hours}" if trigger == Trigger.HOURS else trigger


def hire_step_record(*, apprentice: Apprentice) -> WageStep | None:
    """The rate of the accepted offer, paid from the first day: approved when it is made."""
    rate = apprentice.starting_hourly_rate
    if rate is None:
        rate_row = current_rates([apprentice.cohort.track_id]).get(apprentice.cohort.track_id, {})
        rate = rate_row[Trigger.HIRE].hourly_rate if Trigger.HIRE in rate_row else None
    if rate is None:
        return None
    step, _created = WageStep.objects.get_or_create(
        apprentice=apprentice,
        key=Trigger.HIRE,
        defaults={
            "trigger": Trigger.HIRE,
            "triggered_on": apprentice.employment_start,
            "effective_on": apprentice.employment_start,
            "status": WageStep.Status.APPROVED,
            "hourly_rate": rate,
            "note": "Rate of the accepted offer",
            "approved_at": timezone.now(),
        },
    )
    return step


@transaction.atomic
def wage_step_trigger(
    *, apprentice: Apprentice, trigger: str, on: date, ojl_hours: int | None = None
) -> WageStep | None:
    """The step the apprentice just earned, pending approval, paid from the start of the
    next pay period. None when the schedule in force has no such step. Firing twice makes
    one step (a unique key per apprentice and step)."""
    key = step_key(trigger, ojl_hours)
    track_id = apprentice.cohort.track_id
    if key not in current_rates([track_id]).get(track_id, {}):
        return None
    program = apprentice.cohort.track.program
    step, _created = WageStep.objects.get_or_create(
        apprentice=apprentice,
        key=key,
        defaults={
            "trigger": trigger,
            "ojl_hours": ojl_hours,
            "triggered_on": on,
            "effective_on": program.next_pay_period(on),
        },
    )
    return step


def ojl_hours_of(apprentice_ids: Iterable[int]) -> dict[int, Decimal]:
    """Approved OJL hours per apprentice, as the clinic counts them (approved_ojl_hours)."""
    return {pk: hours for pk, (hours, _credit) in approved_ojl_hours(apprentice_ids).items()}


def hours_steps_trigger(*, today: date, apprentice_ids: Iterable[int] | None = None) -> int:
    """Hours steps now reached and not yet made, for the given apprentices (or everyone who
    can still earn one): a constant number of queries, idempotent. Returns how many new."""
    apprentices = Apprentice.objects.filter(status__in=EARNING)
    if apprentice_ids is not None:
        apprentices = apprentices.filter(pk__in=list(apprentice_ids))
    rows = list(apprentices.values_list("pk", "cohort__track_id"))
    if not rows:
        return 0
    rates = current_rates({track for _pk, track in rows})
    hours = ojl_hours_of(pk for pk, _track in rows)
    have = set(
        WageStep.objects.filter(
            apprentice_id__in=[pk for pk, _track in rows], trigger=Trigger.HOURS
        ).values_list("apprentice_id", "key")
    )
    new = []
    for pk, track_id in rows:
        for key, rate in rates.get(track_id, {}).items():
            if rate.trigger != Trigger.HOURS or (pk, key) in have:
                continue
            if hours.get(pk, Decimal(0)) >= rate.ojl_hours:
                new.append(
                    WageStep(
                        apprentice_id=pk,
                        key=key,
                        trigger=Trigger.HOURS,
                        ojl_hours=rate.ojl_hours,
                        triggered_on=today,
                        effective_on=rate.schedule.track.program.next_pay_period(today),
                    )
                )
    before = WageStep.objects.filter(trigger=Trigger.HOURS).count()
    WageStep.objects.bulk_create(new, ignore_conflicts=True)
    return WageStep.objects.filter(trigger=Trigger.HOURS).count() - before


def rate_in_force(step: WageStep, rates: dict[int, dict[str, WageRate]]) -> Decimal | None:
    """The rate a pending step would be approved at today (the schedule in force)."""
    if step.status == WageStep.Status.APPROVED:
        return step.hourly_rate
    rate = rates.get(step.apprentice.cohort.track_id, {}).get(step.key)
    return rate.hourly_rate if rate else None


def rates_on(apprentice_ids: Iterable[int], day: date) -> dict[int, Decimal]:
    """For many apprentices in one query: the highest approved step in force on `day` (those
    without one are paid their starting rate, which the caller has)."""
    return dict(
        WageStep.objects.filter(
            apprentice_id__in=list(apprentice_ids),
            status=WageStep.Status.APPROVED,
            effective_on__lte=day,
        )
        .values("apprentice_id")
        .annotate(rate=Max("hourly_rate"))
        .values_list("apprentice_id", "rate")
    )


def rate_on(apprentice: Apprentice, day: date) -> Decimal | None:
    """The rate paid on `day`: the highest approved step in force (steps can be earned out of
    the schedule's order, and a raise never lowers pay)."""
    step = (
        WageStep.objects.filter(
            apprentice=apprentice, status=WageStep.Status.APPROVED, effective_on__lte=day
        )
        .order_by("-hourly_rate", "-pk")
        .first()
    )
    return step.hourly_rate if step else apprentice.starting_hourly_rate


@transaction.atomic
def wage_step_approve(*, step: WageStep, by: User) -> WageStep:
    """Approve a pending step at the rate of the schedule in force; the rate is then fixed."""
    step = (
        WageStep.objects.select_for_update(of=("self",))
        .select_related("apprentice__person", "apprentice__cohort")
        .get(pk=step.pk)
    )
    if step.status != WageStep.Status.PENDING:
        raise ValidationError(_("This step is already approved."))
    if step.apprentice.person.user_id and step.apprentice.person.user_id == by.pk:
        raise ValidationError(_("You cannot approve your own raise."))
    track_id = step.apprentice.cohort.track_id
    rate = current_rates([track_id]).get(track_id, {}).get(step.key)
    if rate is None:
        raise ValidationError(
            _("The wage schedule in force no longer has this step; change the schedule first.")
        )
    step.previous_rate = rate_on(step.apprentice, step.effective_on)
    step.hourly_rate = rate.hourly_rate
    step.status = WageStep.Status.APPROVED
    step.approved_by, step.approved_at = by, timezone.now()
    step.save(
        update_fields=["previous_rate", "hourly_rate", "status", "approved_by", "approved_at"]
    )
    return step


def wage_steps_approve(*, steps: Iterable[WageStep], by: User) -> tuple[int, list[str]]:
    """Approve several; a refused one is reported by name, the others approved."""
    return each_reporting_refusals(
        steps,
        lambda step: wage_step_approve(step=step, by=by),
        name=lambda step: step.apprentice.person,
    )


@transaction.atomic
def prior_experience_credit(
    *,
    apprentice: Apprentice,
    hours: int,
    work_process: WorkProcess,
    evidence: str,
    by: User,
    source: str = PriorExperienceCredit.Source.EXPERIENCE,
    from_sponsor: str = "",
    competencies: Iterable[Competency] = (),
    transcript: UploadedFile | None = None,
) -> PriorExperienceCredit:
    """Credit for experience before the apprenticeship (29 CFR 29.5(b)(12)), at enrolment:
    counted as OJL hours from the first day; an hours step it reaches is earned at once. A
    transfer from another sponsor's registered program (29 CFR 29.5(b)(13)) brings the hours
    and the competencies its transcript shows (signed off here at the standard's level, dated
    today, naming the previous sponsor), with the transcript kept. Either amends the signed
    agreement and, once registered, is a notice to the agency."""
    Source = PriorExperienceCredit.Source
    apprentice = (
        Apprentice.objects.select_for_update()
        .select_related("person", "standard", "cohort")
        .get(pk=apprentice.pk)
    )
    if apprentice.status not in (Status.PENDING_REGISTRATION, Status.PROBATION):
        raise ValidationError(
            _("Prior experience is credited at enrolment, before probation ends.")
        )
    if apprentice.person.user_id and apprentice.person.user_id == by.pk:
        raise ValidationError(_("You cannot approve or credit your own apprenticeship."))
    planned = apprentice.standard.ojl_hours
    if not 0 < hours < planned:
        raise ValidationError(
            _("Credit between 1 and %(n)d hours (the term's planned hours).") % {"n": planned - 1}
        )
    if work_process.track_id != apprentice.cohort.track_id:
        raise ValidationError(_("That work process is not in the apprentice's track."))
    if not evidence.strip():
        raise ValidationError(_("Describe the experience and its evidence."))
    competencies = list(competencies)
    if source == Source.TRANSFER:
        if not from_sponsor.strip():
            raise ValidationError(_("Name the sponsor the apprentice transfers from."))
        if transcript is None:
            raise ValidationError(_("Upload the transcript the previous sponsor issued."))
    elif competencies or transcript is not None or from_sponsor.strip():
        raise ValidationError(_("Competencies and a transcript come with a transfer only."))
    if any(c.work_process.track_id != apprentice.cohort.track_id for c in competencies):
        raise ValidationError(_("That competency is not in the apprentice's track."))
    today = timezone.localdate()
    adjustment = HoursAdjustment.objects.create(
        apprentice=apprentice,
        work_process=work_process,
        day=min(apprentice.employment_start, today),
        hours=Decimal(hours),
        reason=f"Prior experience credit: {evidence.strip()}",
        is_credit=True,
        by=by,
    )
    credit = PriorExperienceCredit(
        apprentice=apprentice,
        source=source,
        from_sponsor=from_sponsor.strip(),
        hours=hours,
        competencies=len(competencies),
        evidence=evidence.strip(),
        adjustment=adjustment,
        granted_by=by,
        granted_on=today,
    )
    if transcript is not None:
        content_type, extension = sniff(transcript)
        credit.transcript_type = content_type
        credit.transcript.save(f"transcript-{apprentice.pk}.{extension}", transcript, save=False)
    credit.save()
    level = apprentice.standard.competency_level
    already = set(
        CompetencySignoff.objects.filter(
            apprentice=apprentice, level=level, competency__in=competencies
        ).values_list("competency_id", flat=True)
    )
    CompetencySignoff.objects.bulk_create(
        CompetencySignoff(
            apprentice=apprentice,
            competency=competency,
            level=level,
            signed_on=today,
            comment=_("Transfer credit from %(sponsor)s") % {"sponsor": from_sponsor.strip()},
            by=by,
        )
        for competency in competencies
        if competency.pk not in already
    )
    # Registered already, the agency hears of it (before, the registration file carries it).
    if source == Source.TRANSFER:
        reason = _(
            "Transfer from %(sponsor)s: %(hours)d on-the-job hours and %(n)d competencies credited"
        ) % {"sponsor": from_sponsor.strip(), "hours": hours, "n": len(competencies)}
    else:
        reason = _("%(hours)d on-the-job hours credited for previous experience") % {"hours": hours}
    apprentice_record_note(
        apprentice=apprentice,
        by=by,
        reason=reason,
        notice=ApprenticeEvent.Notice.CREDIT,
        amends_agreement=True,
    )
    hours_steps_trigger(today=today, apprentice_ids=[apprentice.pk])
    if competencies:
        competency_signed_off.send(sender=CompetencySignoff, apprentice_id=apprentice.pk)
    return credit
