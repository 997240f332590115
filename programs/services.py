"""Writes to the program, its tracks and departments (program admins only, see views)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import User
from apprenticeship.updates import model_update
from programs.models import (
    DEFAULT_CRITERIA,
    Department,
    EvaluationCriterion,
    InterimCredential,
    MinimumWage,
    Program,
    Standard,
    Track,
    WageRate,
    WageSchedule,
)
from programs.selectors import minimum_wage_floors

PROGRAM_FIELDS = (
    "name",
    "sponsor_name",
    "dol_program_number",
    "registration_agency",
    "registration_agency_name",
    "address",
    "contact_email",
    "contact_phone",
    "staff_email_domain",
    "rapids_employer_id",
    "rapids_rti_provider_id",
    "agreement_signatory",
    "pay_period_start",
    "pay_period_days",
    "max_day_hours",
    "max_week_hours",
    "hours_increment",
    "late_grace_minutes",
    "late_unit_minutes",
    "eeo_officer",
    "registration_agency_address",
    "eeo_pledge",
    "eeo_pledge_es",
    "complaint_procedure",
    "complaint_procedure_es",
    "disability_invitation",
    "disability_invitation_es",
)
TRACK_FIELDS = (
    "program",
    "name",
    "slug",
    "kind",
    "description",
    "onet_code",
    "rapids_occupation_code",
    "rapids_wage_schedule_id",
    "certification_name",
    "is_active",
)
DEPARTMENT_FIELDS = ("program", "name", "location", "phone", "is_active")
DEPARTMENT_PEOPLE = ("hiring_managers", "preceptors", "approvers")


@transaction.atomic
def program_update(*, program: Program, data: dict) -> Program:
    return model_update(instance=program, data=data, fields=PROGRAM_FIELDS)


@transaction.atomic
def track_save(*, track: Track, data: dict) -> Track:
    return model_update(instance=track, data=data, fields=TRACK_FIELDS)


@transaction.atomic
def department_save(*, department: Department, data: dict) -> Department:
    return model_update(
        instance=department, data=data, fields=DEPARTMENT_FIELDS, many_to_many=DEPARTMENT_PEOPLE
    )


def form_data(form: ModelForm) -> dict:
    """The cleaned values of a ModelForm's own fields, for a service to apply."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def _pay_never_falls(rows: list[WageRate]) -> None:
    """Steps are earned in the orders the schedule allows (29 CFR 29.5(b)(5), a progressively
    increasing schedule): the hire rate first, hours steps by their hours, completion last, and
    the exam whenever it is passed, before or after any hours step. Pay never falls along any
    of those orders: each step pays at least the hire rate, an hours step at least the one at
    fewer hours, completion at least every other step."""
    Trigger = WageRate.Trigger
    hire = next(row for row in rows if row.trigger == Trigger.HIRE)
    hours = sorted((row for row in rows if row.trigger == Trigger.HOURS), key=lambda r: r.ojl_hours)
    completion = [row for row in rows if row.trigger == Trigger.COMPLETION]
    pairs = [(hire, row) for row in rows if row is not hire]
    pairs += list(pairwise(hours))
    pairs += [(row, end) for end in completion for row in rows if row.trigger != Trigger.COMPLETION]
    for before, after in pairs:
        if after.hourly_rate < before.hourly_rate:
            raise ValidationError(
                _(
                    "A later step cannot pay less than an earlier one: %(after)s pays "
                    "$%(a)s after %(before)s at $%(b)s."
                )
                % {
                    "after": _step_name(after),
                    "a": after.hourly_rate,
                    "before": _step_name(before),
                    "b": before.hourly_rate,
                }
            )


def _at_or_above_minimum_wage(rows: list[WageRate], *, program_id: int) -> None:
    """29 CFR 29.5(b)(5): no step below the minimum wage of any applicable federal or state
    law or local ordinance, in effect today or already announced for a later day."""
    lowest = min(rows, key=lambda row: row.hourly_rate)
    for floor in minimum_wage_floors(program_id, timezone.localdate()):
        if lowest.hourly_rate < floor.hourly_rate:
            raise ValidationError(
                _(
                    "%(step)s pays $%(rate)s, below the minimum wage of $%(floor)s "
                    "(%(where)s%(from)s; 29 CFR 29.5(b)(5))."
                )
                % {
                    "step": capfirst(_step_name(lowest)),
                    "rate": lowest.hourly_rate,
                    "floor": floor.hourly_rate,
                    "where": floor.jurisdiction,
                    "from": _(", from %(day)s") % {"day": date_format(floor.effective_on)}
                    if floor.effective_on
                    else "",
                }
            )


@transaction.atomic
def minimum_wage_add(
    *, program: Program, jurisdiction: str, hourly_rate: Decimal, effective_on: date, by: User
) -> MinimumWage:
    """A state or local minimum wage from its effective date (a rise is a new row)."""
    row = MinimumWage(
        program=program,
        jurisdiction=jurisdiction.strip(),
        hourly_rate=hourly_rate,
        effective_on=effective_on,
        created_by=by,
    )
    if MinimumWage.objects.filter(
        program=program, jurisdiction__iexact=row.jurisdiction, effective_on=effective_on
    ).exists():
        raise ValidationError(_("That place already has a minimum wage from that day."))
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def minimum_wage_remove(*, row: MinimumWage) -> None:
    """A rate entered by mistake. One already in effect stays: the pay decided under it
    rests on it."""
    if row.effective_on <= timezone.localdate():
        raise ValidationError(_("A minimum wage already in effect stays on record."))
    row.delete()


def _step_name(rate: WageRate) -> str:
    if rate.trigger == WageRate.Trigger.HOURS:
        return _("the step at %(h)d on-the-job hours") % {"h": rate.ojl_hours}
    return str(WageRate.Trigger(rate.trigger).label).lower()


@transaction.atomic
def wage_schedule_save(
    *,
    track: Track,
    rates: Iterable[tuple[str, int | None, Decimal]],
    note: str,
    by: User | None,
) -> WageSchedule:
    """A new version of the track's wage schedule: (trigger, OJL hours, rate) per step. It
    applies to new offers and to raises approved from now on; approved raises keep their
    rate. Each step is earned once, rates never go down from one step to the next."""
    rows = [
        WageRate(
            trigger=trigger,
            ojl_hours=hours if trigger == WageRate.Trigger.HOURS else None,
            hourly_rate=rate,
        )
        for trigger, hours, rate in rates
    ]
    if not any(row.trigger == WageRate.Trigger.HIRE for row in rows):
        raise ValidationError(_("A wage schedule starts with the hire rate."))
    keys = [row.key for row in rows]
    if len(keys) != len(set(keys)):
        raise ValidationError(_("Each step can appear once (hours steps at different hours)."))
    _pay_never_falls(rows)
    _at_or_above_minimum_wage(rows, program_id=track.program_id)
    Track.objects.select_for_update().get(pk=track.pk)  # two admins saving: one after the other
    version = (track.wage_schedules.aggregate(v=Max("version"))["v"] or 0) + 1
    schedule = WageSchedule.objects.create(
        track=track, version=version, note=note.strip(), created_by=by
    )
    for row in rows:
        row.schedule = schedule
        row.full_clean()
    WageRate.objects.bulk_create(rows)
    return schedule


# --- the registered standard (29 CFR 29.5) ----------------------------------------------------

STANDARD_FIELDS = (
    "approach",
    "term_weeks",
    "rti_weeks",
    "rti_hours",
    "ojl_hours",
    "ojl_hours_max",
    "probation_days",
    "probation_ojl_hours",
    "completes_on_ojl_hours",
    "completes_on_rti_hours",
    "competency_level",
    "completes_on_exam",
    "apprentices_per_preceptor",
    "evaluation_weeks",
    "wage_schedule",
    "note",
)


@transaction.atomic
def standard_draft(*, track: Track, by: User | None) -> Standard:
    """A new version of the track's standard to change and send to the registration agency:
    a copy of the newest version (its interim credentials too), or the defaults for a new
    track. One draft at a time: an open draft is returned as it is."""
    Track.objects.select_for_update().get(pk=track.pk)
    newest = track.standards.order_by("-version").first()
    if newest is not None and newest.state != Standard.State.APPROVED:
        return newest
    draft = Standard(track=track, version=(newest.version + 1) if newest else 1, created_by=by)
    if newest is not None:
        for name in STANDARD_FIELDS:
            setattr(draft, name, getattr(newest, name))
        draft.note = ""
    draft.full_clean()
    draft.save()
    if newest is None:
        standard_criteria_default(standard=draft)
    else:
        EvaluationCriterion.objects.bulk_create(
            EvaluationCriterion(standard=draft, area=c.area, text=c.text, order=c.order)
            for c in newest.criteria.all()
        )
    if newest is not None:
        InterimCredential.objects.bulk_create(
            InterimCredential(
                standard=draft,
                name=c.name,
                earned_by=c.earned_by,
                work_process_title=c.work_process_title,
                ojl_hours=c.ojl_hours,
            )
            for c in newest.interim_credentials.all()
        )
    return draft


def standard_criteria_default(*, standard: Standard) -> list[EvaluationCriterion]:
    """The default criteria of the periodic evaluation (job performance and related
    instruction), for a standard that has none yet."""
    if standard.criteria.exists():
        return []
    return EvaluationCriterion.objects.bulk_create(
        EvaluationCriterion(standard=standard, area=area, text=text, order=i)
        for i, (area, text) in enumerate(DEFAULT_CRITERIA, start=1)
    )


def _editable(standard: Standard) -> None:
    if not standard.is_editable:
        raise ValidationError(
            _(
                "Version %(v)d was sent to the registration agency: draft a new version to "
                "change it."
            )
            % {"v": standard.version}
        )


@transaction.atomic
def standard_update(*, standard: Standard, data: dict) -> Standard:
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    _editable(standard)
    return model_update(instance=standard, data=data, fields=STANDARD_FIELDS)


@transaction.atomic
def standard_send(*, standard: Standard, sent_on: date) -> Standard:
    """The draft goes to the registration agency as a modification of the standards."""
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    _editable(standard)
    if sent_on > timezone.localdate():
        raise ValidationError(_("The date it was sent cannot be in the future."))
    standard.full_clean()
    standard.state, standard.sent_on = Standard.State.SENT, sent_on
    standard.save(update_fields=["state", "sent_on"])
    return standard


@transaction.atomic
def standard_approve(*, standard: Standard, approved_on: date) -> Standard:
    """The registration agency approved the version (its letter's date)."""
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    if standard.state != Standard.State.SENT:
        raise ValidationError(_("Only a version sent to the agency can be approved."))
    if approved_on > timezone.localdate() or (standard.sent_on and approved_on < standard.sent_on):
        raise ValidationError(_("The approval date must be between sending it and today."))
    standard.state, standard.approved_on = Standard.State.APPROVED, approved_on
    standard.save(update_fields=["state", "approved_on"])
    return standard


@transaction.atomic
def standard_put_in_force(*, standard: Standard, effective_on: date) -> Standard:
    """From `effective_on` the version is the one new registrations are held to; apprentices
    registered under an earlier one keep theirs unless moved. Only an approved version."""
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    if standard.state != Standard.State.APPROVED:
        raise ValidationError(
            _("A version the registration agency has not approved cannot be put in force.")
        )
    if standard.effective_on:
        raise ValidationError(_("This version is already in force."))
    if standard.approved_on and effective_on < standard.approved_on:
        raise ValidationError(_("A version cannot be in force before the agency approved it."))
    standard.effective_on = effective_on
    standard.save(update_fields=["effective_on"])
    return standard


@transaction.atomic
def credential_add(*, standard: Standard, data: dict) -> InterimCredential:
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    _editable(standard)
    credential = InterimCredential(standard=standard, **data)
    credential.full_clean()
    credential.save()
    return credential


@transaction.atomic
def criterion_add(*, standard: Standard, area: str, text: str) -> EvaluationCriterion:
    """A criterion of the standard's periodic evaluation (a draft's only)."""
    _editable(Standard.objects.select_for_update().get(pk=standard.pk))
    order = (standard.criteria.filter(area=area).aggregate(o=Max("order"))["o"] or 0) + 1
    criterion = EvaluationCriterion(standard=standard, area=area, text=text.strip(), order=order)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_remove(*, criterion: EvaluationCriterion) -> None:
    _editable(Standard.objects.select_for_update().get(pk=criterion.standard_id))
    criterion.delete()


@transaction.atomic
def credential_remove(*, credential: InterimCredential) -> None:
    _editable(Standard.objects.select_for_update().get(pk=credential.standard_id))
    credential.delete()
