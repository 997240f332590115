"""Writes of the clinic app: placements, timesheets and their approval, adjustments,
sign-offs, extensions, work processes and payroll imports. Every hour written here keeps its
week's total exact in the same transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from apprenticeship.batch import each_reporting_refusals
from apprenticeship.dates import week_start
from apprenticeship.updates import model_update
from audit.services import personal_data_record
from clinic.models import (
    FULL_TIME_WEEK,
    Competency,
    CompetencySignoff,
    HoursAdjustment,
    PayrollMapping,
    Placement,
    SchedulePeriod,
    TermExtension,
    TimeEntry,
    Timesheet,
    WorkProcess,
)
from clinic.selectors import term_ends
from clinic.signals import competency_signed_off, ojl_hours_changed
from cohorts.models import Apprentice, ApprenticeEvent
from cohorts.services import apprentice_record_note
from programs.models import Department, Program, hours_text

# --- placements -----------------------------------------------------------------------------


@transaction.atomic
def placement_start(
    *,
    apprentice: Apprentice,
    department: Department,
    preceptor: User | None,
    starts_on: date,
    by: User | None,
) -> Placement:
    """Rotate the apprentice: the open placement ends the day before, the new one opens, and
    the apprentice's department and preceptor follow."""
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    if department.program_id != apprentice.cohort.track.program_id:
        raise ValidationError(_("That department is not in the apprentice's program."))
    if preceptor is not None and not department.preceptors.filter(pk=preceptor.pk).exists():
        raise ValidationError(
            _("%(person)s is not a preceptor of %(department)s.")
            % {"person": preceptor, "department": department}
        )
    current = apprentice.placements.filter(ends_on__isnull=True).first()
    if current is not None:
        if starts_on <= current.starts_on:
            raise ValidationError(
                _("The new placement must start after the current one (from %(day)s).")
                % {"day": date_format(current.starts_on, "DATE_FORMAT")}
            )
        current.ends_on = starts_on - timedelta(days=1)
        current.save(update_fields=["ends_on"])
    placement = Placement.objects.create(
        apprentice=apprentice,
        department=department,
        preceptor=preceptor,
        starts_on=starts_on,
        created_by=by,
    )
    apprentice.department, apprentice.preceptor = department, preceptor
    apprentice.save(update_fields=["department", "preceptor"])
    return placement


@transaction.atomic
def placements_start(
    *,
    apprentices: Iterable[Apprentice],
    department: Department,
    preceptor: User | None,
    starts_on: date,
    by: User,
) -> tuple[int, list[str]]:
    """Rotate several apprentices at once (a cohort); each refusal is reported, not fatal."""
    return each_reporting_refusals(
        apprentices,
        lambda apprentice: placement_start(
            apprentice=apprentice,
            department=department,
            preceptor=preceptor,
            starts_on=starts_on,
            by=by,
        ),
        name=lambda apprentice: apprentice.person,
    )


# --- timesheets ------------------------------------------------------------------------------


def term_end(apprentice: Apprentice) -> date:
    """The planned last day: the term from the employment start, or the latest extension."""
    return term_ends([apprentice])[apprentice.pk]


def timesheet_for_week(*, apprentice: Apprentice, monday: date) -> Timesheet:
    """The apprentice's timesheet of that week, created as a draft on first use."""
    if monday != week_start(monday):
        raise ValidationError(_("A timesheet week starts on a Monday."))
    timesheet, _created = Timesheet.objects.get_or_create(apprentice=apprentice, week_start=monday)
    return timesheet


def program_of(apprentice: Apprentice) -> Program:
    """The program whose hours rules apply to the apprentice."""
    return Program.objects.get(tracks__cohorts__apprentices=apprentice)


def in_steps_message(program: Program) -> str:
    if program.hours_increment == Decimal("0.25"):
        return _("Use quarter hours: .25, .5 or .75.")
    return _("Use steps of %(step)s hours.") % {"step": program.hours_increment}


def _check_hours(
    *, apprentice: Apprentice, hours: Mapping[tuple[date, int], Decimal], monday: date, today: date
) -> dict[str, list[str]]:
    """Every rule of a week's hours; errors keyed by the day (ISO) or "week"."""
    errors: dict[str, list[str]] = defaultdict(list)
    first_day, last_day = apprentice.employment_start, term_end(apprentice)
    program = program_of(apprentice)
    per_day: dict[date, Decimal] = defaultdict(Decimal)
    for (day, _wp), value in hours.items():
        if not value:
            continue
        key = day.isoformat()
        if value < 0:
            errors[key].append(_("Hours cannot be negative."))
        if not program.in_steps(value):
            errors[key].append(in_steps_message(program))
        if day > today:
            errors[key].append(_("Hours cannot be entered for a day still to come."))
        if day < first_day:
            errors[key].append(
                _("Before your employment started (%(day)s).")
                % {"day": date_format(first_day, "DATE_FORMAT")}
            )
        if day > last_day:
            errors[key].append(
                _("After the end of your apprenticeship (%(day)s).")
                % {"day": date_format(last_day, "DATE_FORMAT")}
            )
        if not monday <= day <= monday + timedelta(days=6):
            errors[key].append(_("That day is not in this week."))
        per_day[day] += value
    for day, total in per_day.items():
        if total > program.max_day_hours:
            errors[day.isoformat()].append(
                _("%(total)s hours in one day: %(cap)s at most.")
                % {"total": hours_text(total), "cap": hours_text(program.max_day_hours)}
            )
    week_total = sum(per_day.values(), Decimal(0))
    if week_total > program.max_week_hours:
        errors["week"].append(
            _("%(total)s hours in the week: %(cap)s at most.")
            % {"total": hours_text(week_total), "cap": hours_text(program.max_week_hours)}
        )
    return {k: list(dict.fromkeys(v)) for k, v in errors.items()}


def _recount(timesheet: Timesheet) -> None:
    total = timesheet.entries.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    Timesheet.objects.filter(pk=timesheet.pk).update(total_hours=total)
    timesheet.total_hours = total


@transaction.atomic
def timesheet_save(
    *,
    timesheet: Timesheet,
    hours: Mapping[tuple[date, int], Decimal],
    no_hours_reason: str = "",
    submit: bool = False,
    today: date | None = None,
) -> Timesheet:
    """The apprentice saves their week (a draft) or submits it. ``hours`` maps (day, work
    process id) to hours. An approved or submitted week cannot change here."""
    timesheet = (
        Timesheet.objects.select_for_update()
        .select_related("apprentice__cohort__track")
        .get(pk=timesheet.pk)
    )
    if timesheet.imported:
        raise ValidationError(
            _("This week came from the payroll system: the program office corrects it.")
        )
    if not timesheet.is_editable:
        raise ValidationError(
            _("This week is %(status)s: it can no longer change here.")
            % {"status": timesheet.get_status_display().lower()}
        )
    apprentice = timesheet.apprentice
    allowed = set(
        WorkProcess.objects.filter(track=apprentice.cohort.track_id, is_active=True).values_list(
            "pk", flat=True
        )
    )
    if any(wp not in allowed for (_day, wp), value in hours.items() if value):
        raise ValidationError(_("A work process is not one of your track's."))
    errors = _check_hours(
        apprentice=apprentice,
        hours=hours,
        monday=timesheet.week_start,
        today=today or timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    timesheet.entries.all().delete()
    TimeEntry.objects.bulk_create(
        TimeEntry(timesheet=timesheet, apprentice=apprentice, day=day, work_process_id=wp, hours=h)
        for (day, wp), h in sorted(hours.items())
        if h
    )
    _recount(timesheet)
    timesheet.no_hours_reason = no_hours_reason.strip()
    if submit:
        last_day = timesheet.week_start + timedelta(days=6)
        if last_day > (today or timezone.localdate()):
            raise ValidationError(
                {
                    "week": _(
                        "The week is not over yet: save it as a draft and submit it from %(day)s."
                    )
                    % {"day": date_format(last_day, "l, M j")}
                }
            )
        if timesheet.total_hours == 0 and not timesheet.no_hours_reason:
            raise ValidationError(
                {"no_hours_reason": _("A week without hours needs a reason (leave, illness...).")}
            )
        timesheet.status = Timesheet.Status.SUBMITTED
        timesheet.submitted_at = timezone.now()
    timesheet.save(update_fields=["no_hours_reason", "status", "submitted_at"])
    return timesheet


@transaction.atomic
def week_save(*, apprentice: Apprentice, monday: date, **kwargs) -> Timesheet:
    """Save the apprentice's week, creating its timesheet in the same transaction (a refused
    save leaves no empty week behind)."""
    timesheet = timesheet_for_week(apprentice=apprentice, monday=monday)
    return timesheet_save(timesheet=timesheet, **kwargs)


@transaction.atomic
def timesheet_decide(
    *,
    timesheet: Timesheet,
    approve: bool,
    by: User,
    comment: str = "",
    assignments: Mapping[int, WorkProcess] | None = None,
) -> Timesheet:
    """The preceptor approves a submitted week (it is locked) or returns it with a comment.
    `assignments`: the work process of each payroll entry whose export named none (entry id
    to work process); a week is approved only once every entry has one."""
    timesheet = Timesheet.objects.select_for_update().get(pk=timesheet.pk)
    if timesheet.status != Timesheet.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted week can be approved or returned."))
    if timesheet.apprentice.person.user_id == by.pk:
        raise ValidationError(_("You cannot approve your own timesheet."))
    for entry_id, work_process in (assignments or {}).items():
        if work_process.track_id != timesheet.apprentice.cohort.track_id:
            raise ValidationError(_("That work process is not in the apprentice's track."))
        timesheet.entries.filter(pk=entry_id, work_process__isnull=True).update(
            work_process=work_process
        )
    if approve and timesheet.entries.filter(work_process__isnull=True).exists():
        raise ValidationError(_("Choose the work process of each payroll entry first."))
    if not approve and not comment.strip():
        raise ValidationError(_("Say what to change, for the apprentice."))
    if not approve and timesheet.imported:
        raise ValidationError(
            _("A payroll week is corrected in the timekeeping system or by an adjustment.")
        )
    timesheet.status = Timesheet.Status.APPROVED if approve else Timesheet.Status.RETURNED
    timesheet.decided_at, timesheet.decided_by = timezone.now(), by
    timesheet.return_comment = "" if approve else comment.strip()
    timesheet.save(update_fields=["status", "decided_at", "decided_by", "return_comment"])
    if approve:
        ojl_hours_changed.send(sender=Timesheet, apprentice_ids=[timesheet.apprentice_id])
    return timesheet


def timesheets_approve(*, timesheets: Iterable[Timesheet], by: User) -> tuple[int, list[str]]:
    """Approve several reviewed weeks; each refusal is reported, the others approved."""
    return each_reporting_refusals(
        timesheets,
        lambda timesheet: timesheet_decide(timesheet=timesheet, approve=True, by=by),
        name=lambda timesheet: timesheet.apprentice.person,
    )


def _not_self(apprentice: Apprentice, by: User) -> None:
    if apprentice.person.user_id and apprentice.person.user_id == by.pk:
        raise ValidationError(_("You cannot approve or credit your own apprenticeship."))


@transaction.atomic
def hours_adjust(
    *,
    apprentice: Apprentice,
    work_process: WorkProcess,
    day: date,
    hours: Decimal,
    reason: str,
    by: User,
) -> HoursAdjustment:
    """A correction after approval: hours added or taken off, with the reason; audited."""
    _not_self(apprentice, by)
    program = program_of(apprentice)
    if not by.is_program_staff and abs(hours) > program.max_week_hours:
        raise ValidationError(
            _(
                "A preceptor adjusts at most %(cap)s hours at a time; ask the program office "
                "for more."
            )
            % {"cap": hours_text(program.max_week_hours)}
        )
    if work_process.track_id != apprentice.cohort.track_id:
        raise ValidationError(_("That work process is not in the apprentice's track."))
    if not hours or not program.in_steps(hours):
        raise ValidationError(
            _("Adjust by steps of %(step)s hours, more or less than zero.")
            % {"step": program.hours_increment}
        )
    if not reason.strip():
        raise ValidationError(_("Say why the hours are adjusted."))
    if day > timezone.localdate() or day < apprentice.employment_start:
        raise ValidationError(_("The day must be within the apprentice's employment, not ahead."))
    adjustment = HoursAdjustment(
        apprentice=apprentice,
        work_process=work_process,
        day=day,
        hours=hours,
        reason=reason.strip(),
        by=by,
    )
    adjustment.full_clean()
    adjustment.save()
    ojl_hours_changed.send(sender=HoursAdjustment, apprentice_ids=[apprentice.pk])
    return adjustment


@transaction.atomic
def competency_sign_off(
    *,
    apprentice: Apprentice,
    competency: Competency,
    level: str,
    signed_on: date,
    comment: str,
    by: User,
) -> CompetencySignoff:
    _not_self(apprentice, by)
    if competency.work_process.track_id != apprentice.cohort.track_id:
        raise ValidationError(_("That competency is not in the apprentice's track."))
    if signed_on > timezone.localdate():
        raise ValidationError(_("A sign-off cannot be dated in the future."))
    if CompetencySignoff.objects.filter(
        apprentice=apprentice, competency=competency, level=level
    ).exists():
        raise ValidationError(_("This competency is already signed off at that level."))
    signoff = CompetencySignoff(
        apprentice=apprentice,
        competency=competency,
        level=level,
        signed_on=signed_on,
        comment=comment.strip(),
        by=by,
    )
    signoff.full_clean()
    signoff.save()
    competency_signed_off.send(sender=CompetencySignoff, apprentice_id=apprentice.pk)
    return signoff


@transaction.atomic
def term_extend(
    *, apprentice: Apprentice, new_end_date: date, reason: str, by: User
) -> TermExtension:
    """Record an end-date extension as an event of the apprentice's record."""
    if new_end_date <= term_end(apprentice):
        raise ValidationError(_("The new end date must be after the current one."))
    if not reason.strip():
        raise ValidationError(_("Say why the end date moves."))
    extension = TermExtension.objects.create(
        apprentice=apprentice, new_end_date=new_end_date, reason=reason.strip(), by=by
    )
    # A registered apprentice's extension is a notice to the agency (29 CFR 29.5(b)(19)).
    apprentice_record_note(
        apprentice=apprentice,
        by=by,
        reason=_("Term extended to %(day)s: %(reason)s")
        % {"day": date_format(new_end_date, "DATE_FORMAT"), "reason": reason.strip()},
        notice=ApprenticeEvent.Notice.EXTENSION,
        amends_agreement=True,
    )
    personal_data_record(
        actor=by, obj=apprentice, fields=["term end date"], action="change", purpose=reason[:200]
    )
    return extension


@transaction.atomic
def schedule_period_add(
    *,
    apprentice: Apprentice,
    kind: str,
    starts_on: date,
    ends_on: date,
    weekly_hours: Decimal | None,
    reason: str,
    by: User,
) -> SchedulePeriod:
    """A part-time period or a leave of absence: the apprentice's plan, pace and projection
    follow it from the week it starts. Periods do not overlap."""
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    if kind == SchedulePeriod.Kind.LEAVE:
        weekly_hours = Decimal(0)
    elif weekly_hours is None or not 0 < weekly_hours < FULL_TIME_WEEK:
        raise ValidationError(_("A part-time period has between 1 and 39 clinic hours a week."))
    if ends_on < starts_on:
        raise ValidationError(_("The period ends before it starts."))
    if starts_on < apprentice.employment_start:
        raise ValidationError(_("The period starts before the apprentice did."))
    if not reason.strip():
        raise ValidationError(_("Say why the schedule changes."))
    if apprentice.schedule_periods.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ValidationError(_("Another schedule period covers some of these days."))
    period = SchedulePeriod(
        apprentice=apprentice,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        weekly_hours=weekly_hours,
        reason=reason.strip(),
        by=by,
    )
    period.full_clean()
    period.save()
    personal_data_record(
        actor=by, obj=apprentice, fields=["schedule"], action="change", purpose=reason[:200]
    )
    # A part-time schedule changes the terms the apprentice signed: an amendment follows.
    apprentice_record_note(
        apprentice=apprentice,
        by=by,
        reason=_("%(kind)s from %(start)s to %(end)s: %(reason)s")
        % {
            "kind": period.get_kind_display(),
            "start": date_format(starts_on, "DATE_FORMAT"),
            "end": date_format(ends_on, "DATE_FORMAT"),
            "reason": reason.strip(),
        },
        amends_agreement=kind == SchedulePeriod.Kind.PART_TIME,
    )
    return period


@transaction.atomic
def schedule_period_remove(*, period: SchedulePeriod, by: User) -> None:
    personal_data_record(
        actor=by, obj=period.apprentice, fields=["schedule"], action="change", purpose="removed"
    )
    period.delete()


# --- work processes --------------------------------------------------------------------------

WORK_PROCESS_FIELDS = ("order", "title", "description", "planned_hours", "is_active")
COMPETENCY_FIELDS = ("order", "title", "is_active")


@transaction.atomic
def work_process_save(*, work_process: WorkProcess, data: dict) -> WorkProcess:
    return model_update(instance=work_process, data=data, fields=WORK_PROCESS_FIELDS)


@transaction.atomic
def competency_save(*, competency: Competency, data: dict) -> Competency:
    return model_update(instance=competency, data=data, fields=COMPETENCY_FIELDS)


MAPPING_FIELDS = (
    "name",
    "employee_id_column",
    "date_column",
    "hours_column",
    "work_process_column",
    "department_column",
    "row_key_column",
    "date_format",
    "default_work_process",
    "lands_as",
    "hours_unit",
    "in_punch_column",
    "out_punch_column",
    "pay_code_column",
    "pay_codes_counted",
    "pay_codes_class",
    "pay_codes_not_counted",
)


@transaction.atomic
def payroll_mapping_save(*, mapping: PayrollMapping, data: dict) -> PayrollMapping:
    return model_update(instance=mapping, data=data, fields=MAPPING_FIELDS)


def summary_of_refusals(refused: list[str]) -> str:
    return ngettext(
        "%(n)d was not changed: %(list)s", "%(n)d were not changed: %(list)s", len(refused)
    ) % {"n": len(refused), "list": "; ".join(refused)}
