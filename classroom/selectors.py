from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from accounts.models import User
from classroom.models import Attendance, AttendanceChange, ClassSession
from cohorts.models import Apprentice, Cohort

AT_RISK_MISSED = 2
AT_RISK_PACE = Decimal("0.90")
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=6, decimal_places=2))
ZERO_HOURS = Decimal(0)


@dataclass(frozen=True)
class RtiProgress:
    attended: Decimal
    planned_to_date: Decimal
    planned_total: Decimal
    missed: int

    @property
    def at_risk(self) -> bool:
        """Below pace: missed 2+ classes, or under 90% of the hours planned to date."""
        behind = self.planned_to_date and self.attended < self.planned_to_date * AT_RISK_PACE
        return self.missed >= AT_RISK_MISSED or bool(behind)

    @property
    def percent_of_total(self) -> int:
        return int(self.attended * 100 / self.planned_total) if self.planned_total else 0


def _planned_hours(cohort_ids: list[int], today: date) -> dict[int, tuple[Decimal, Decimal]]:
    rows = (
        ClassSession.objects.counting()
        .filter(cohort_id__in=cohort_ids, kind=ClassSession.Kind.REGULAR)
        .values("cohort_id")
        .annotate(
            total=Coalesce(Sum("hours"), ZERO),
            to_date=Coalesce(Sum("hours", filter=Q(date__lt=today)), ZERO),
        )
    )
    return {r["cohort_id"]: (r["to_date"], r["total"]) for r in rows}


def _rti_sums() -> dict:
    """Per apprentice: hours credited in classes that were held, and regular classes missed."""
    return {
        "attended": Coalesce(
            Sum(
                "attendance__hours_credited",
                filter=~Q(attendance__session__status=ClassSession.Status.CANCELLED),
            ),
            ZERO,
        ),
        "missed": Count(
            "attendance",
            filter=Q(
                attendance__status=Attendance.Status.ABSENT,
                attendance__session__kind=ClassSession.Kind.REGULAR,
            ),
        ),
    }


def apprentices_with_rti(apprentices: QuerySet[Apprentice], today: date) -> list[Apprentice]:
    """Apprentices with `.rti` (RtiProgress) attached, in a constant number of queries."""
    apprentices = list(
        apprentices.select_related("person", "cohort__track", "department").annotate(**_rti_sums())
    )
    planned = _planned_hours(list({a.cohort_id for a in apprentices}), today)
    for apprentice in apprentices:
        to_date, total = planned.get(apprentice.cohort_id, (ZERO_HOURS, ZERO_HOURS))
        apprentice.rti = RtiProgress(apprentice.attended, to_date, total, apprentice.missed)
    return apprentices


def cohort_roster(*, cohort: Cohort, today: date) -> list[Apprentice]:
    return apprentices_with_rti(cohort.apprentices.order_by("person__last_name"), today)


def at_risk_summary(*, today: date, limit: int = 10) -> tuple[list[Apprentice], int]:
    """Current apprentices of started cohorts below classroom pace (RtiProgress.at_risk, said
    in SQL): the `limit` furthest behind with `.rti`, and how many there are in all. The
    database sums and filters in one pass; only the apprentices behind reach Python."""
    # Graduates and apprentices on leave are not behind in class.
    started = (
        Apprentice.objects.current()
        .exclude(status__in=[Apprentice.Status.COMPLETED, Apprentice.Status.SUSPENDED])
        .filter(cohort__start_date__lte=today)
    )
    planned = _planned_hours(list(started.values_list("cohort_id", flat=True).distinct()), today)
    # Planned hours depend on the cohort only: a CASE over the few cohorts, not a subquery
    # per apprentice.
    to_date = Case(
        *(When(cohort_id=c, then=Value(p[0])) for c, p in planned.items()),
        default=ZERO,
        output_field=ZERO.output_field,
    )
    behind = started.annotate(**_rti_sums(), planned_to_date=to_date).filter(
        Q(missed__gte=AT_RISK_MISSED) | Q(attended__lt=F("planned_to_date") * Value(AT_RISK_PACE))
    )
    # One pass: only the apprentices behind come back (a minority), furthest behind first.
    rows = list(
        behind.select_related("person", "cohort__track").order_by(
            F("attended") - F("planned_to_date"), "pk"
        )
    )
    for a in rows[:limit]:
        a.rti = RtiProgress(
            a.attended, *planned.get(a.cohort_id, (ZERO_HOURS, ZERO_HOURS)), a.missed
        )
    return rows[:limit], len(rows)


def last_and_next_session(
    *, user: User, on: date
) -> tuple[ClassSession | None, ClassSession | None]:
    """The instructor's class before and after ``on``: where to go on a day with no class."""
    sessions = (
        ClassSession.objects.visible_to(user).counting().select_related("cohort__track", "module")
    )
    last = sessions.filter(date__lt=on).order_by("-date", "-start_time").first()
    upcoming = sessions.filter(date__gt=on).order_by("date", "start_time").first()
    return last, upcoming


def sessions_for_instructor(*, user: User, on: date) -> QuerySet[ClassSession]:
    return (
        ClassSession.objects.visible_to(user)
        .counting()
        .filter(date=on)
        .select_related("cohort__track", "module")
        .order_by("start_time")
    )


def session_sheet(*, session: ClassSession) -> list[tuple[Apprentice, Attendance | None]]:
    """Everyone expected in a class with their attendance so far, for the roster page."""
    if session.kind == ClassSession.Kind.MAKEUP:
        expected = session.invited.select_related("person")
    else:
        expected = session.cohort.apprentices.current().select_related("person")
    marks = {a.apprentice_id: a for a in session.attendance.all()}
    return [(a, marks.get(a.pk)) for a in expected.order_by("person__last_name")]


def apprentice_schedule(*, apprentice: Apprentice) -> list[tuple[ClassSession, Attendance | None]]:
    sessions = (
        ClassSession.objects.filter(cohort=apprentice.cohort)
        .filter(Q(kind=ClassSession.Kind.REGULAR) | Q(invited=apprentice))
        .select_related("module")
        .distinct()
        .order_by("date", "start_time")
    )
    marks = {a.session_id: a for a in apprentice.attendance.all()}
    return [(s, marks.get(s.pk)) for s in sessions]


def session_changes(*, session: ClassSession):
    """Attendance changed after the day of the class, newest first (the audit trail)."""
    return (
        AttendanceChange.objects.filter(attendance__session=session)
        .select_related("attendance__apprentice__person", "changed_by")
        .order_by("-changed_at")
    )


@dataclass(frozen=True)
class ClassTime:
    """A class the apprentice attended (present or late): its window and the hours credited."""

    day: date
    starts: time
    ends: time
    hours: Decimal


def class_times(
    apprentice_ids: Iterable[int], since: date, until: date
) -> dict[tuple[int, date], list[ClassTime]]:
    """The classes each apprentice attended between the two days (inclusive), by apprentice
    and day, in one query: clinic hours on those days are checked against them (the same hour
    is not related instruction and on-the-job learning at once)."""
    found: dict[tuple[int, date], list[ClassTime]] = defaultdict(list)
    for apprentice_id, day, start, hours, credited in (
        Attendance.objects.filter(
            apprentice_id__in=list(apprentice_ids),
            session__date__gte=since,
            session__date__lte=until,
            status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE],
        )
        .exclude(session__status=ClassSession.Status.CANCELLED)
        .values_list(
            "apprentice_id",
            "session__date",
            "session__start_time",
            "session__hours",
            "hours_credited",
        )
        .order_by("session__date", "session__start_time")
    ):
        ends = (datetime.combine(day, start) + timedelta(hours=float(hours))).time()
        found[(apprentice_id, day)].append(ClassTime(day, start, ends, credited))
    return found
