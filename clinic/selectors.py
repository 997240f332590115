"""Reads of the clinic app. Every sum of hours is done by the database (aggregates over the
indexed entries and adjustments), never by looping in Python over hour rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Max, Min, Q, QuerySet, Sum, Value, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from accounts.models import User
from apprenticeship.dates import week_start
from classroom.selectors import apprentices_with_rti, class_times
from clinic.models import (
    FULL_TIME_WEEK,
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
from cohorts.models import Access, Apprentice, Cohort
from programs.models import Department, Standard, hours_text

PACE_WEEKS = 8
MIN_PACE_WEEKS = 2
MAX_PROJECTED_WEEKS = 5 * 52
ZERO = Decimal(0)


def apprentice_for_user(user: User, apprentice_id: int) -> Apprentice:
    """An apprentice whose clinic hours the user may see, or 404."""
    return get_object_or_404(
        Apprentice.objects.visible_to(user, Access.CLINIC).select_related(
            "person", "cohort__track", "standard"
        ),
        pk=apprentice_id,
    )


def own_apprenticeship(user: User) -> Apprentice:
    """The signed-in apprentice's current apprenticeship, or 404."""
    return get_object_or_404(
        Apprentice.objects.current()
        .filter(person__user=user)
        .select_related("person", "cohort__track", "department", "preceptor", "standard")
        .order_by("-employment_start")[:1]
    )


def timesheet_for_user(user: User, timesheet_id: int) -> Timesheet:
    return get_object_or_404(
        Timesheet.objects.visible_to(user).select_related(
            "apprentice__person", "apprentice__cohort__track", "apprentice__standard"
        ),
        pk=timesheet_id,
    )


def work_processes(track_id: int) -> list[WorkProcess]:
    return list(WorkProcess.objects.filter(track_id=track_id, is_active=True).order_by("order"))


def planned_week_hours(
    apprentice: Apprentice, monday: date, *, beyond_term: Decimal = ZERO
) -> Decimal:
    """The clinic hours planned for that week by the apprentice's standard (a full week less
    the classroom hours during the classroom weeks: 36 then 40 for our first customer), or by
    a schedule period of theirs that covers it (part-time, leave). After the term
    `beyond_term` (an extension continues at a full week)."""
    standard = apprentice.standard
    # The week the apprentice starts in is their first, whatever the weekday.
    week_number = (monday - week_start(apprentice.employment_start)).days // 7 + 1
    if week_number < 1:
        return ZERO
    for period in apprentice.schedule_periods.all():
        if period.covers(monday):
            return period.weekly_hours
    if week_number > standard.term_weeks:
        return beyond_term
    if week_number <= standard.rti_weeks:
        return FULL_TIME_WEEK - standard.planned_rti_hours_a_week
    return FULL_TIME_WEEK


def week_or_blank(*, apprentice: Apprentice, monday: date) -> Timesheet:
    """The week's timesheet, or an unsaved blank one to show (nothing is created by looking)."""
    return Timesheet.objects.filter(apprentice=apprentice, week_start=monday).first() or (
        Timesheet(apprentice=apprentice, week_start=monday)
    )


def class_notes(*, apprentice: Apprentice, monday: date) -> dict[str, str]:
    """The classes the apprentice attended in the week, by day (ISO): shown on the timesheet
    as a reminder and to the preceptor as a flag, so an hour is not counted as related
    instruction and on-the-job learning at once."""
    classes = class_times([apprentice.pk], monday, monday + timedelta(days=6))
    return {
        day.isoformat(): "; ".join(
            _("class %(start)s to %(end)s (%(hours)s h credited)")
            % {
                "start": time_format(c.starts, "TIME_FORMAT"),
                "end": time_format(c.ends, "TIME_FORMAT"),
                "hours": hours_text(c.hours),
            }
            for c in attended
        )
        for (_pk, day), attended in classes.items()
    }


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


# --- progress: the one place that says how far an apprentice is against their standard -------


# The sign-off levels that meet a standard's level, lowest first.
LEVELS_MEETING = {
    Standard.Level.ASSISTED: [
        CompetencySignoff.Level.ASSISTED,
        CompetencySignoff.Level.INDEPENDENT,
    ],
    Standard.Level.INDEPENDENT: [CompetencySignoff.Level.INDEPENDENT],
}


@dataclass
class Progress:
    """How far an apprentice is, measured against their own standard (29 CFR 29.5(b)(2)):
    approved OJL hours (credit included) against the hours it requires, competencies signed
    off at its level, the pace and the projected completion. Every page and report that shows
    one of these figures reads it from here."""

    standard: Standard
    approved: Decimal  # approved OJL hours: approved weeks, adjustments and credit
    credit: Decimal  # of which credit for hours worked elsewhere (prior experience, transfer)
    required: Decimal  # the OJL hours the standard requires (0 when hours are not the measure)
    planned: Decimal
    by_process: list[tuple[WorkProcess, Decimal]]
    last_weeks: Decimal
    pace: Decimal  # approved hours a week over the last PACE_WEEKS weeks, credit left out
    projected_completion: date | None
    term_end: date
    short: bool  # the projection reaches the term's end short of the standard
    signed_off: int = 0  # competencies signed off at the standard's level
    competencies: int = 0
    signed_recently: int = 0  # of which in the last PACE_WEEKS weeks
    extensions: list[TermExtension] = field(default_factory=list)
    adjusted_by_process: dict[int, Decimal] = field(default_factory=dict)

    @property
    def hours_done(self) -> bool:
        return self.approved >= self.required

    @property
    def competencies_done(self) -> bool:
        return self.signed_off >= self.competencies

    @property
    def percent(self) -> int:
        """The share of the standard done: hours, competencies, or the lesser of the two."""
        shares = []
        if self.standard.measures_hours and self.required:
            shares.append(min(100, int(self.approved * 100 / self.required)))
        if self.standard.approach != Standard.Approach.TIME and self.competencies:
            shares.append(min(100, self.signed_off * 100 // self.competencies))
        if not shares:
            return (
                min(100, int(self.approved * 100 / self.standard.ojl_hours))
                if (self.standard.ojl_hours)
                else 0
            )
        return min(shares)


def pace_window(today: date) -> tuple[date, date]:
    """The last PACE_WEEKS complete weeks (Monday to Sunday) before this one."""
    this_monday = week_start(today)
    return this_monday - timedelta(weeks=PACE_WEEKS), this_monday


def _term_end(apprentice: Apprentice, extension_end: date | None) -> date:
    """The planned last day: the latest extension's date, else the standard's term."""
    if extension_end:
        return extension_end
    return (
        apprentice.employment_start
        + timedelta(weeks=apprentice.standard.term_weeks)
        - timedelta(days=1)
    )


def _prefetch_fresh(apprentices: list[Apprentice], *names: str) -> None:
    """Prefetch the related rows now, even if an earlier read prefetched them."""
    for apprentice in apprentices:
        cache = getattr(apprentice, "_prefetched_objects_cache", {})
        for name in names:
            cache.pop(name, None)
    prefetch_related_objects(apprentices, *names)


def term_ends(apprentices: Iterable[Apprentice]) -> dict[int, date]:
    """Each apprentice's planned last day, in one query for the extensions (prefetched: the
    newest extension is the first)."""
    apprentices = list(apprentices)
    _prefetch_fresh(apprentices, "extensions")
    ends = {}
    for apprentice in apprentices:
        extensions = apprentice.extensions.all()
        ends[apprentice.pk] = _term_end(
            apprentice, extensions[0].new_end_date if extensions else None
        )
    return ends


def _hours_projection(
    *,
    apprentice: Apprentice,
    approved: Decimal,
    required: Decimal,
    last_weeks: Decimal,
    today: date,
    end: date,
    awaiting: Iterable[date] = (),
) -> tuple[Decimal, date | None, bool]:
    """(hours a week, projected date of the required hours, short of them by the end).

    The apprentice keeps the share of their own plan they worked in the weeks of the window
    they were employed (36 h planned in the classroom weeks, 40 h after, or a schedule period's
    hours): someone on plan during the classroom weeks is on pace, a newcomer's weeks before
    the start are not zeros, and a week of leave is neither. Weeks whose hours are not known
    yet (`awaiting`, their Mondays: see _pace_weeks) are left out of both sides: a week not yet
    approved is unknown, not zero. Under MIN_PACE_WEEKS counted it is too early to project."""
    since, until = pace_window(today)
    first = max(since, week_start(apprentice.employment_start))
    window = [first + timedelta(weeks=n) for n in range(max(0, (until - first).days // 7))]
    pending = set(awaiting) & set(window)
    mondays = [monday for monday in window if monday not in pending]
    plans = [planned_week_hours(apprentice, monday) for monday in mondays]
    planned = sum(plans, ZERO)
    worked = sum(1 for plan in plans if plan > 0)  # a week of leave is not a week worked
    pace = (last_weeks / worked).quantize(Decimal("0.01")) if worked else ZERO
    if approved >= required:
        return pace, today, False
    if worked < MIN_PACE_WEEKS:
        return pace, None, False
    if last_weeks <= 0 or planned <= 0:
        return pace, None, True
    share, monday = last_weeks / planned, until
    # The weeks not known yet will come in: they are projected at the same share.
    hours = approved + sum((planned_week_hours(apprentice, m) for m in pending), ZERO) * share
    for _week in range(MAX_PROJECTED_WEEKS):
        hours += planned_week_hours(apprentice, monday, beyond_term=FULL_TIME_WEEK) * share
        if hours >= required:
            projected = monday + timedelta(days=6)
            return pace, projected, projected > end
        monday += timedelta(weeks=1)
    return pace, None, True


def _competency_projection(
    *, signed: int, total: int, recent: int, today: date, start: date, end: date
) -> tuple[date | None, bool]:
    """(projected date every competency is signed off, short by the end) at the pace of the
    sign-offs of the last PACE_WEEKS weeks (a competency-based standard's measure)."""
    if signed >= total:
        return today, False
    if recent <= 0:
        # None signed off lately: too early to say in the first half of the term, behind after.
        return None, today > end - (end - start) / 2
    weeks_left = -(-(total - signed) * PACE_WEEKS // recent)  # ceiling
    projected = week_start(today) + timedelta(weeks=weeks_left, days=-1)
    return projected, projected > end


# A week submitted, returned for a correction or still a draft has hours that may change.
NOT_YET_KNOWN = [Timesheet.Status.SUBMITTED, Timesheet.Status.RETURNED, Timesheet.Status.DRAFT]


@dataclass
class _Hours:
    approved: Decimal = ZERO  # approved weeks and adjustments, credit included
    credit: Decimal = ZERO
    recent: Decimal = ZERO  # approved in the pace window, credit left out
    awaiting: set[date] = field(default_factory=set)
    adjusted_by_process: dict[int, Decimal] = field(default_factory=dict)


def _ojl_hours(ids: list[int], since: date, until: date) -> dict[int, _Hours]:
    """The one count of approved OJL hours, per apprentice, in two grouped queries (the
    database sums): approved weeks' totals (kept exact with their entries) plus adjustments
    (corrections, imports, credit for prior experience or a transfer). With it, over the pace
    window [since, until): the hours approved, and the Mondays of the weeks whose hours are
    not known yet (awaiting approval, returned for a correction or still a draft, and last
    week until it is approved: the payroll export or the timesheet comes after it ends)."""
    last = until - timedelta(weeks=1)
    window = Q(week_start__gte=since, week_start__lt=until)
    approved = Q(status=Timesheet.Status.APPROVED)
    hours = {pk: _Hours(awaiting={last}) for pk in ids}
    for row in (
        Timesheet.objects.filter(apprentice_id__in=ids)
        .values("apprentice")
        .annotate(
            approved=Sum("total_hours", filter=approved),
            recent=Sum("total_hours", filter=approved & window),
            awaiting=ArrayAgg(
                "week_start", filter=window & Q(status__in=NOT_YET_KNOWN), default=Value([])
            ),
            last_approved=Count("pk", filter=approved & Q(week_start=last)),
        )
        .order_by()
    ):
        entry = hours[row["apprentice"]]
        entry.approved, entry.recent = row["approved"] or ZERO, row["recent"] or ZERO
        entry.awaiting = set(row["awaiting"]) | (set() if row["last_approved"] else {last})
    for row in (
        HoursAdjustment.objects.filter(apprentice_id__in=ids)
        .values("apprentice", "work_process")
        .annotate(
            total=Sum("hours"),
            credit=Sum("hours", filter=Q(is_credit=True)),
            # Corrections in the window count toward the pace; credit for hours worked
            # elsewhere does not.
            recent=Sum("hours", filter=Q(day__gte=since, day__lt=until, is_credit=False)),
        )
        .order_by()
    ):
        # A row per apprentice and work process: the page shows the hours by work process.
        entry = hours[row["apprentice"]]
        entry.approved += row["total"] or ZERO
        entry.credit += row["credit"] or ZERO
        entry.recent += row["recent"] or ZERO
        entry.adjusted_by_process[row["work_process"]] = row["total"] or ZERO
    return hours


def approved_ojl_hours(apprentice_ids: Iterable[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """Approved OJL hours per apprentice: (all, of which credit for hours worked elsewhere)."""
    since, until = pace_window(timezone.localdate())
    return {
        pk: (entry.approved, entry.credit)
        for pk, entry in _ojl_hours(list(apprentice_ids), since, until).items()
    }


def _signed_off(apprentices: list[Apprentice], since: date) -> dict[int, tuple[int, int, int]]:
    """Per apprentice (competencies of the track, signed off at the standard's level, of
    which in the pace window), in two grouped queries."""
    ids = [a.pk for a in apprentices]
    totals = dict(
        Competency.objects.filter(
            work_process__track_id__in={a.cohort.track_id for a in apprentices},
            is_active=True,
            work_process__is_active=True,
        )
        .values_list("work_process__track")
        .annotate(n=Count("pk"))
        .order_by()
    )
    active = Q(competency__is_active=True, competency__work_process__is_active=True)
    annotations = {}
    for level, levels in LEVELS_MEETING.items():
        meets = Q(level__in=levels)
        annotations[f"n_{level}"] = Count("competency", distinct=True, filter=meets)
        annotations[f"recent_{level}"] = Count(
            "competency", distinct=True, filter=meets & Q(signed_on__gte=since)
        )
    counts: dict[tuple[int, str], tuple[int, int]] = {}
    for row in (
        CompetencySignoff.objects.filter(active, apprentice_id__in=ids)
        .values("apprentice")
        .annotate(**annotations)
        .order_by()
    ):
        for level in LEVELS_MEETING:
            counts[(row["apprentice"], level)] = (row[f"n_{level}"], row[f"recent_{level}"])
    result = {}
    for apprentice in apprentices:
        level = apprentice.standard.competency_level or Standard.Level.INDEPENDENT
        signed, recent = counts.get((apprentice.pk, level), (0, 0))
        result[apprentice.pk] = (totals.get(apprentice.cohort.track_id, 0), signed, recent)
    return result


def progress_of(
    apprentices: Iterable[Apprentice], today: date, *, all_competencies: bool = True
) -> dict[int, Progress]:
    """How far each apprentice is against their standard, in a constant number of queries.
    Pass apprentices with `standard` and `cohort` loaded (select_related). Lists that do not
    show sign-offs pass `all_competencies=False`: they are then counted only for the
    standards whose progress they measure (competency-based and hybrid)."""
    apprentices = list(apprentices)
    if not apprentices:
        return {}
    ids = [a.pk for a in apprentices]
    prefetch_related_objects(apprentices, "standard", "cohort")
    _prefetch_fresh(apprentices, "schedule_periods")
    since, until = pace_window(today)
    hours = _ojl_hours(ids, since, until)
    ends = term_ends(apprentices)
    counted = [
        a for a in apprentices if all_competencies or a.standard.approach != Standard.Approach.TIME
    ]
    competencies = _signed_off(counted, since) if counted else {}
    progress = {}
    for apprentice in apprentices:
        standard = apprentice.standard
        if standard.track_id == apprentice.cohort.track_id:  # the page names the standard
            Standard.track.field.set_cached_value(standard, apprentice.cohort.track)
        approved, credit = hours[apprentice.pk].approved, hours[apprentice.pk].credit
        last_weeks = hours[apprentice.pk].recent
        end = ends[apprentice.pk]
        total, signed, signed_recently = competencies.get(apprentice.pk, (0, 0, 0))
        required = standard.required_ojl_hours
        pace, projected, short = _hours_projection(
            apprentice=apprentice,
            approved=approved,
            # A competency-based standard still plans hours: the pace is shown against them.
            required=required or Decimal(standard.ojl_hours),
            last_weeks=last_weeks,
            today=today,
            end=end,
            awaiting=hours[apprentice.pk].awaiting,
        )
        if standard.approach != Standard.Approach.TIME and standard.measures_competencies:
            by_competencies, short_of_competencies = _competency_projection(
                signed=signed,
                total=total,
                recent=signed_recently,
                today=today,
                start=apprentice.employment_start,
                end=end,
            )
            if standard.approach == Standard.Approach.COMPETENCY:
                projected, short = by_competencies, short_of_competencies
            else:  # hybrid: the later of the two
                projected = (
                    max(projected, by_competencies) if projected and by_competencies else None
                )
                short = short or short_of_competencies
        progress[apprentice.pk] = Progress(
            standard=standard,
            approved=approved,
            credit=credit,
            required=required,
            planned=Decimal(standard.ojl_hours),
            by_process=[],
            last_weeks=last_weeks,
            pace=pace,
            projected_completion=projected,
            term_end=end,
            short=short,
            signed_off=signed,
            competencies=total,
            signed_recently=signed_recently,
            adjusted_by_process=hours[apprentice.pk].adjusted_by_process,
        )
    return progress


def apprentice_progress(*, apprentice: Apprentice, today: date) -> Progress:
    """One apprentice's progress (progress_of) with the hours by work process and the
    extensions, for their page and the progress report."""
    progress = progress_of([apprentice], today)[apprentice.pk]
    processes = work_processes(apprentice.cohort.track_id)
    approved_by_wp: dict[int, Decimal] = defaultdict(Decimal)
    for row in (
        TimeEntry.objects.filter(apprentice=apprentice, timesheet__status=Timesheet.Status.APPROVED)
        .values("work_process")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        approved_by_wp[row["work_process"]] += row["h"]
    for work_process, hours in progress.adjusted_by_process.items():
        approved_by_wp[work_process] += hours
    progress.by_process = [(p, approved_by_wp.get(p.pk, ZERO)) for p in processes]
    progress.planned = sum((p.planned_hours for p in processes), ZERO) or progress.planned
    progress.extensions = list(apprentice.extensions.all())
    return progress


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
        Apprentice.objects.visible_to(user, Access.CLINIC)
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
        .select_related("apprentice__person", "apprentice__cohort__track", "apprentice__standard")
        # Each week's plan reads the apprentice's standard and schedule periods.
        .prefetch_related("apprentice__schedule_periods")
        .order_by("submitted_at", "pk")
    )


# --- cohort roster -----------------------------------------------------------------------------


def cohort_clinic_roster(*, cohort: Cohort, today: date) -> list[Apprentice]:
    """The cohort's apprentices with classroom and clinic progress (see apprentices_with_pace)."""
    return apprentices_with_pace(
        cohort.apprentices.select_related("person", "department", "standard").order_by(
            "person__last_name"
        ),
        today,
    )


def apprentices_with_pace(apprentices: QuerySet[Apprentice], today: date) -> list[Apprentice]:
    """Apprentices with classroom hours (classroom's own figures, `.rti`), approved clinic
    hours, pace and projection (`.ojl`) and `.at_risk` for either, in a constant number of
    queries. Pass a queryset without other joins to many rows: classroom sums its hours."""
    roster = apprentices_with_rti(apprentices, today)
    progress = progress_of(roster, today, all_competencies=False)
    for apprentice in roster:
        apprentice.ojl = progress[apprentice.pk]
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


# --- ratio of apprentices to journeyworkers (29 CFR 29.5(b)(7)) -------------------------------


@dataclass
class Ratio:
    """A department's current apprentices against its active preceptors (journeyworkers) and
    the ratio its apprentices' standards set (the strictest of them)."""

    department: Department
    apprentices: int
    preceptors: int
    per_preceptor: int | None

    @property
    def allowed(self) -> int | None:
        return None if self.per_preceptor is None else self.preceptors * self.per_preceptor

    @property
    def over(self) -> bool:
        return self.allowed is not None and self.apprentices > self.allowed


def department_ratios(*, departments: QuerySet[Department] | None = None) -> list[Ratio]:
    """Every active department's ratio, in one query."""
    current = ~Q(apprentices__status__in=Apprentice.INACTIVE_STATUSES) & Q(
        apprentices__isnull=False
    )
    rows = (
        (departments if departments is not None else Department.objects.all())
        .filter(is_active=True)
        .annotate(
            current_apprentices=Count("apprentices", filter=current, distinct=True),
            active_preceptors=Count(
                "preceptors", filter=Q(preceptors__is_active=True), distinct=True
            ),
            per_preceptor=Min("apprentices__standard__apprentices_per_preceptor", filter=current),
        )
        .order_by("name")
    )
    return [
        Ratio(row, row.current_apprentices, row.active_preceptors, row.per_preceptor)
        for row in rows
    ]


def ratio_after_placing(*, department: Department, apprentices: Iterable[Apprentice]) -> Ratio:
    """The department's ratio once these apprentices are placed there (a warning before a
    placement breaks it)."""
    apprentices = [a for a in apprentices if a.department_id != department.pk]
    now = department_ratios(departments=Department.objects.filter(pk=department.pk))
    ratio = now[0] if now else Ratio(department, 0, department.preceptors.count(), None)
    standards = {a.standard.apprentices_per_preceptor for a in apprentices} - {None}
    limits = {ratio.per_preceptor} - {None} | standards
    return Ratio(
        department,
        ratio.apprentices + len(apprentices),
        ratio.preceptors,
        min(limits) if limits else None,
    )
