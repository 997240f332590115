"""Reads of the clinic app. Every sum of hours is done by the database (aggregates over the
indexed entries and adjustments), never by looping in Python over hour rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Max, Q, QuerySet, Sum, Value
from django.shortcuts import get_object_or_404

from accounts.models import User
from apprenticeship.dates import week_start
from classroom.selectors import apprentices_with_rti
from clinic.models import (
    FULL_TIME_WEEK,
    REQUIRED_OJL_HOURS,
    Competency,
    CompetencySignoff,
    HoursAdjustment,
    PayrollMapping,
    Placement,
    TermExtension,
    TimeEntry,
    Timesheet,
    WorkProcess,
)
from cohorts.models import Apprentice, Cohort

PACE_WEEKS = 8
MIN_PACE_WEEKS = 2
MAX_PROJECTED_WEEKS = 5 * 52
ZERO = Decimal(0)


def apprentice_for_user(user: User, apprentice_id: int) -> Apprentice:
    """An apprentice whose clinic hours the user may see, or 404."""
    return get_object_or_404(
        Apprentice.objects.clinic_visible_to(user).select_related("person", "cohort__track"),
        pk=apprentice_id,
    )


def own_apprenticeship(user: User) -> Apprentice:
    """The signed-in apprentice's current apprenticeship, or 404."""
    return get_object_or_404(
        Apprentice.objects.current()
        .filter(person__user=user)
        .select_related("person", "cohort__track", "department", "preceptor")
        .order_by("-employment_start")[:1]
    )


def timesheet_for_user(user: User, timesheet_id: int) -> Timesheet:
    return get_object_or_404(
        Timesheet.objects.visible_to(user).select_related(
            "apprentice__person", "apprentice__cohort__track"
        ),
        pk=timesheet_id,
    )


def work_processes(track_id: int) -> list[WorkProcess]:
    return list(WorkProcess.objects.filter(track_id=track_id, is_active=True).order_by("order"))


def planned_week_hours(apprentice: Apprentice, monday: date) -> Decimal:
    """The clinic hours planned for that week: a full week less the classroom hours during
    the classroom weeks (36 then 40 for our first customer)."""
    track = apprentice.cohort.track
    week_number = (monday - apprentice.employment_start).days // 7 + 1
    if week_number < 1 or week_number > track.term_weeks:
        return ZERO
    if week_number <= track.rti_weeks and track.rti_weeks:
        return FULL_TIME_WEEK - Decimal(track.planned_rti_hours) / track.rti_weeks
    return FULL_TIME_WEEK


def week_or_blank(*, apprentice: Apprentice, monday: date) -> Timesheet:
    """The week's timesheet, or an unsaved blank one to show (nothing is created by looking)."""
    return Timesheet.objects.filter(apprentice=apprentice, week_start=monday).first() or (
        Timesheet(apprentice=apprentice, week_start=monday)
    )


def week_grid(
    timesheet: Timesheet, processes: list[WorkProcess]
) -> dict[tuple[date, int], Decimal]:
    if timesheet.pk is None:
        return {}
    return {
        (entry.day, entry.work_process_id): entry.hours
        for entry in timesheet.entries.all()
        if any(p.pk == entry.work_process_id for p in processes)
    }


# --- progress ---------------------------------------------------------------------------------


@dataclass
class Progress:
    approved: Decimal
    planned: Decimal
    required: Decimal
    by_process: list[tuple[WorkProcess, Decimal]]
    last_weeks: Decimal
    pace: Decimal  # approved hours a week over the last PACE_WEEKS weeks
    projected_completion: date | None
    term_end: date
    short: bool  # the projection reaches the term's end short of the required hours
    signed_off: int = 0
    competencies: int = 0
    extensions: list[TermExtension] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return int(self.approved * 100 / self.required) if self.required else 0


def pace_window(today: date) -> tuple[date, date]:
    """The last PACE_WEEKS complete weeks (Monday to Sunday) before this one."""
    this_monday = week_start(today)
    return this_monday - timedelta(weeks=PACE_WEEKS), this_monday


def _term_end(apprentice: Apprentice, extension_end: date | None) -> date:
    """The planned last day: the latest extension's date, else the term from the start."""
    if extension_end:
        return extension_end
    return (
        apprentice.employment_start
        + timedelta(weeks=apprentice.cohort.track.term_weeks)
        - timedelta(days=1)
    )


def term_ends(apprentices: Iterable[Apprentice]) -> dict[int, date]:
    """Each apprentice's planned last day, in one query for the extensions."""
    apprentices = list(apprentices)
    latest: dict[int, date] = {}
    for apprentice_id, end in (
        TermExtension.objects.filter(apprentice__in=apprentices)
        .order_by("created_at", "pk")
        .values_list("apprentice_id", "new_end_date")
    ):
        latest[apprentice_id] = end  # the newest extension wins
    return {a.pk: _term_end(a, latest.get(a.pk)) for a in apprentices}


def _projection(
    *,
    apprentice: Apprentice,
    approved: Decimal,
    last_weeks: Decimal,
    today: date,
    end: date,
    awaiting: Iterable[date] = (),
) -> tuple[Decimal, date | None, bool]:
    """(hours a week, projected date of the required hours, short of them by the end).

    The apprentice keeps the share of the plan they worked in the weeks of the window they
    were employed (36 h planned in the classroom weeks, 40 h after): someone on plan during
    the classroom weeks is on pace, and a newcomer's weeks before the start are not zeros.
    Weeks whose hours are not known yet (`awaiting`, their Mondays: see _pace_weeks)
    are left out of both sides: a week not yet approved is unknown, not zero. Under
    MIN_PACE_WEEKS counted it is too early to project."""
    since, until = pace_window(today)
    first = max(since, week_start(apprentice.employment_start))
    window = [first + timedelta(weeks=n) for n in range(max(0, (until - first).days // 7))]
    pending = set(awaiting) & set(window)
    mondays = [monday for monday in window if monday not in pending]
    worked = len(mondays)
    pace = (last_weeks / worked).quantize(Decimal("0.01")) if worked else ZERO
    if approved >= REQUIRED_OJL_HOURS:
        return pace, today, False
    if worked < MIN_PACE_WEEKS:
        return pace, None, False
    planned = sum((planned_week_hours(apprentice, monday) for monday in mondays), ZERO)
    if last_weeks <= 0 or planned <= 0:
        return pace, None, True
    share, monday = last_weeks / planned, until
    # The weeks not known yet will come in: they are projected at the same share.
    hours = approved + sum((planned_week_hours(apprentice, m) for m in pending), ZERO) * share
    for _week in range(MAX_PROJECTED_WEEKS):
        # After the planned term an extension continues at a full week.
        hours += (planned_week_hours(apprentice, monday) or FULL_TIME_WEEK) * share
        if hours >= REQUIRED_OJL_HOURS:
            projected = monday + timedelta(days=6)
            return pace, projected, projected > end
        monday += timedelta(weeks=1)
    return pace, None, True


# A week submitted, returned for a correction or still a draft has hours that may change.
NOT_YET_KNOWN = [Timesheet.Status.SUBMITTED, Timesheet.Status.RETURNED, Timesheet.Status.DRAFT]


def _pace_weeks(ids: list[int], since: date, until: date) -> dict[int, tuple[Decimal, set[date]]]:
    """Per apprentice, in one query over the pace window: the approved weeks' hours, and the
    Mondays of the weeks whose hours are not known yet (awaiting approval, returned for a
    correction or still a draft, and last week until it is approved: the payroll export or the
    timesheet comes after it ends)."""
    last = until - timedelta(weeks=1)
    found = {
        row["apprentice"]: row
        for row in Timesheet.objects.filter(
            apprentice_id__in=ids, week_start__gte=since, week_start__lt=until
        )
        .values("apprentice")
        .annotate(
            hours=Sum("total_hours", filter=Q(status=Timesheet.Status.APPROVED)),
            awaiting=ArrayAgg(
                "week_start",
                filter=Q(status__in=NOT_YET_KNOWN),
                default=Value([]),
            ),
            last_approved=Count("pk", filter=Q(week_start=last, status=Timesheet.Status.APPROVED)),
        )
        .order_by()
    }
    weeks = {}
    for apprentice_id in ids:
        row = found.get(apprentice_id, {"hours": None, "awaiting": [], "last_approved": 0})
        unknown = set(row["awaiting"]) | (set() if row["last_approved"] else {last})
        weeks[apprentice_id] = (row["hours"] or ZERO, unknown)
    return weeks


def apprentice_progress(*, apprentice: Apprentice, today: date) -> Progress:
    """Approved OJL hours (entries of approved weeks plus adjustments) against plan, by work
    process, the pace of the last eight weeks and the projected completion date."""
    processes = work_processes(apprentice.cohort.track_id)
    approved_by_wp: dict[int, Decimal] = defaultdict(Decimal)
    approved_entries = TimeEntry.objects.filter(
        apprentice=apprentice, timesheet__status=Timesheet.Status.APPROVED
    )
    for row in approved_entries.values("work_process").annotate(h=Sum("hours")):
        approved_by_wp[row["work_process"]] += row["h"]
    for row in (
        HoursAdjustment.objects.filter(apprentice=apprentice)
        .values("work_process")
        .annotate(h=Sum("hours"))
    ):
        approved_by_wp[row["work_process"]] += row["h"]
    since, until = pace_window(today)
    last, awaiting = _pace_weeks([apprentice.pk], since, until)[apprentice.pk]
    last_adjusted = HoursAdjustment.objects.filter(
        apprentice=apprentice, day__gte=since, day__lt=until
    ).aggregate(h=Sum("hours"))["h"]
    last_weeks = last + (last_adjusted or ZERO)
    extensions = list(apprentice.extensions.all())
    end = _term_end(apprentice, extensions[0].new_end_date if extensions else None)
    approved = sum(approved_by_wp.values(), ZERO)
    pace, projected, short = _projection(
        apprentice=apprentice,
        approved=approved,
        last_weeks=last_weeks,
        today=today,
        end=end,
        awaiting=awaiting,
    )
    competencies = Competency.objects.filter(
        work_process__track_id=apprentice.cohort.track_id, is_active=True
    )
    signed = (
        CompetencySignoff.objects.filter(apprentice=apprentice, competency__in=competencies)
        .values("competency")
        .distinct()
        .count()
    )
    return Progress(
        approved=approved,
        planned=sum((p.planned_hours for p in processes), ZERO),
        required=REQUIRED_OJL_HOURS,
        by_process=[(p, approved_by_wp.get(p.pk, ZERO)) for p in processes],
        last_weeks=last_weeks,
        pace=pace,
        projected_completion=projected,
        term_end=end,
        short=short,
        signed_off=signed,
        competencies=competencies.count(),
        extensions=extensions,
    )


def competency_board(*, apprentice: Apprentice) -> list[tuple[WorkProcess, list[tuple]]]:
    """Each work process with its competencies and their sign-offs so far (two queries)."""
    processes = work_processes(apprentice.cohort.track_id)
    competencies = Competency.objects.filter(work_process__in=processes, is_active=True)
    signoffs: dict[int, list[CompetencySignoff]] = defaultdict(list)
    for signoff in (
        CompetencySignoff.objects.filter(apprentice=apprentice)
        .select_related("by")
        .order_by("signed_on")
    ):
        signoffs[signoff.competency_id].append(signoff)
    by_wp: dict[int, list[tuple]] = defaultdict(list)
    for competency in competencies:
        by_wp[competency.work_process_id].append((competency, signoffs.get(competency.pk, [])))
    return [(p, by_wp.get(p.pk, [])) for p in processes]


def apprentice_weeks(*, apprentice: Apprentice) -> QuerySet[Timesheet]:
    return apprentice.timesheets.order_by("-week_start")


def weeks_so_far(*, apprentice: Apprentice, today: date) -> list[tuple[date, Timesheet | None]]:
    """Every week from the first to this one, newest first, with its timesheet if started:
    a week never started shows as such instead of hiding."""
    sheets = {t.week_start: t for t in apprentice.timesheets.all()}
    monday, first = week_start(today), week_start(apprentice.employment_start)
    weeks = []
    while monday >= first:
        weeks.append((monday, sheets.get(monday)))
        monday -= timedelta(weeks=1)
    return weeks


# --- preceptor ------------------------------------------------------------------------------


def precepted_apprentices(*, user: User) -> QuerySet[Apprentice]:
    return (
        Apprentice.objects.clinic_visible_to(user)
        .current()
        .exclude(person__user=user)
        .select_related("person", "cohort__track", "department")
        .order_by("person__last_name", "person__first_name")
    )


def approval_queue(*, user: User) -> QuerySet[Timesheet]:
    """Weeks awaiting the preceptor, oldest first."""
    return (
        Timesheet.objects.visible_to(user)
        .filter(status=Timesheet.Status.SUBMITTED)
        .exclude(apprentice__person__user=user)
        .select_related("apprentice__person", "apprentice__cohort__track")
        .order_by("submitted_at", "pk")
    )


# --- cohort roster -----------------------------------------------------------------------------


@dataclass
class OjlRow:
    approved: Decimal
    pace: Decimal
    projected_completion: date | None
    term_end: date
    short: bool


def cohort_clinic_roster(*, cohort: Cohort, today: date) -> list[Apprentice]:
    """The cohort's apprentices with classroom and clinic progress (see apprentices_with_pace)."""
    return apprentices_with_pace(
        cohort.apprentices.select_related("person", "department").order_by("person__last_name"),
        today,
    )


def apprentices_with_pace(apprentices: QuerySet[Apprentice], today: date) -> list[Apprentice]:
    """Apprentices with classroom hours (classroom's own figures, `.rti`), approved clinic
    hours, pace and projection (`.ojl`) and `.at_risk` for either, in a constant number of
    queries. Pass a queryset without other joins to many rows: classroom sums its hours."""
    roster = apprentices_with_rti(apprentices, today)
    ids = [a.pk for a in roster]
    # The weeks' totals (kept exact with their entries) are summed: a row a week, not a day.
    approved_weeks = Timesheet.objects.filter(
        apprentice_id__in=ids, status=Timesheet.Status.APPROVED
    )
    approved = dict(
        approved_weeks.values_list("apprentice").annotate(h=Sum("total_hours")).order_by()
    )
    since, until = pace_window(today)
    recent = _pace_weeks(ids, since, until)
    adjusted = dict(
        HoursAdjustment.objects.filter(apprentice_id__in=ids)
        .values_list("apprentice")
        .annotate(h=Sum("hours"))
    )
    ends = term_ends(roster)
    for apprentice in roster:
        hours = approved.get(apprentice.pk, ZERO) + adjusted.get(apprentice.pk, ZERO)
        end = ends[apprentice.pk]
        pace, projected, short = _projection(
            apprentice=apprentice,
            approved=hours,
            last_weeks=recent[apprentice.pk][0],
            today=today,
            end=end,
            awaiting=recent[apprentice.pk][1],
        )
        apprentice.ojl = OjlRow(
            approved=hours, pace=pace, projected_completion=projected, term_end=end, short=short
        )
        apprentice.at_risk = apprentice.rti.at_risk or apprentice.ojl.short
    return roster


def placements_of(*, cohort: Cohort) -> list[Apprentice]:
    return list(
        cohort.apprentices.current()
        .select_related("person", "department", "preceptor")
        .annotate(
            placed_since=Max("placements__starts_on", filter=Q(placements__ends_on__isnull=True)),
            rotations=Count("placements"),
        )
        .order_by("person__last_name")
    )


def placement_history(*, apprentice: Apprentice) -> QuerySet[Placement]:
    return apprentice.placements.select_related("department", "preceptor").order_by("-starts_on")


def mappings_of(program_id: int) -> QuerySet[PayrollMapping]:
    return PayrollMapping.objects.filter(program_id=program_id).order_by("name")


def running_cohorts(*, today: date) -> QuerySet[Cohort]:
    """Cohorts whose apprentices are in their year: started, and within a term and a bit."""
    return (
        Cohort.objects.filter(start_date__lte=today, start_date__gte=today - timedelta(weeks=60))
        .select_related("track")
        .order_by("-start_date", "track__name")
    )
