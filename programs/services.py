"""Writes to the program, its tracks and departments (program admins only, see views)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.utils.translation import gettext as _

from accounts.models import User
from apprenticeship.updates import model_update
from programs.models import Department, Program, Track, WageRate, WageSchedule

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
    "pay_period_start",
    "pay_period_days",
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
    "term_weeks",
    "rti_weeks",
    "planned_rti_hours",
    "planned_ojl_hours",
    "probation_days",
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
    ordered = sorted(rows, key=lambda row: row.sort_key)
    for before, after in pairwise(ordered):
        if after.hourly_rate < before.hourly_rate:
            raise ValidationError(
                _("A later step cannot pay less than an earlier one ($%(a)s after $%(b)s).")
                % {"a": after.hourly_rate, "b": before.hourly_rate}
            )
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
