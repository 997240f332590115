"""The program report for a track and a date range: apprentices by cohort and status, the
period's registrations, completions and cancellations, rates, pass rates, wages, pace and
the compliance flags; it checks its own figures against the rows they come from and lists
every mismatch on its first page."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from classroom.models import Attendance, ClassSession
from clinic.models import HoursAdjustment, Timesheet
from clinic.selectors import apprentices_with_pace, department_ratios
from cohorts.models import Apprentice, ApprenticeEvent
from hiring.models import Offer
from programs.models import Department, Track
from wages.lifecycle import REPORT_WITHIN_DAYS, completion_rate
from wages.models import ExamAttempt
from wages.selectors import paid_rates

Status = Apprentice.Status
ZERO = Decimal(0)
# Registered and not gone: the apprentices the figures and the pace flags are about.
CURRENT = (Status.PROBATION, Status.ACTIVE, Status.SUSPENDED)
AT_WORK = (Status.PROBATION, Status.ACTIVE)


@dataclass
class Flag:
    rule: str
    who: str
    detail: str
    apprentice_id: int = 0


@dataclass
class ProgramReport:
    track: Track
    start: date
    end: date
    today: date
    statuses: list[tuple[str, str]]
    by_cohort: list[tuple[str, dict[str, int], int]]
    totals: dict[str, int]
    total: int
    figures: list[tuple[str, str]]
    flags: list[Flag]
    mismatches: list[str] = field(default_factory=list)

    @property
    def flag_groups(self) -> list[tuple[str, list[Flag]]]:
        """The flags by rule (in the order the rules are checked), apprentices by name."""
        groups: dict[str, list[Flag]] = {}
        for flag in self.flags:
            groups.setdefault(flag.rule, []).append(flag)
        return [(rule, sorted(found, key=lambda f: f.who)) for rule, found in groups.items()]

    @property
    def flagged(self) -> int:
        """How many apprentices have at least one flag."""
        return len({f.apprentice_id for f in self.flags if f.apprentice_id})


def _hours(value: Decimal) -> str:
    """Hours as people write them: 40, 47.5, 1,971.25 (never 4E+1)."""
    return f"{value.normalize():,f}"


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f}%" if whole else "—"


def program_report(*, track: Track, start: date, end: date, today: date) -> ProgramReport:
    apprentices = list(
        apprentices_with_pace(
            Apprentice.objects.filter(cohort__track=track, employment_start__lte=end), today
        )
    )
    ids = [a.pk for a in apprentices]
    statuses = [(value, str(label)) for value, label in Status.choices]
    counts: dict[str, Counter] = defaultdict(Counter)
    cohort_names = {}
    for a in apprentices:
        counts[a.cohort_id][a.status] += 1
        cohort_names[a.cohort_id] = (a.cohort.start_date, str(a.cohort))
    by_cohort = [
        (cohort_names[c][1], dict(counts[c]), sum(counts[c].values()))
        for c in sorted(counts, key=lambda c: cohort_names[c][0])
    ]
    totals = Counter()
    for _name, row, _n in by_cohort:
        totals.update(row)
    total = len(apprentices)

    events = ApprenticeEvent.objects.filter(
        apprentice_id__in=ids, effective_on__gte=start, effective_on__lte=end
    ).exclude(from_status=F("to_status"))
    registered = events.filter(
        from_status=Status.PENDING_REGISTRATION, to_status=Status.PROBATION
    ).count()
    completed = events.filter(to_status=Status.COMPLETED).count()
    cancelled_in = events.filter(to_status=Status.CANCELLED, during_probation=True).count()
    cancelled_after = events.filter(to_status=Status.CANCELLED, during_probation=False).count()
    left_in_probation = set(
        ApprenticeEvent.objects.filter(
            apprentice_id__in=ids,
            to_status__in=[Status.CANCELLED, Status.TRANSFERRED_OUT],
            during_probation=True,
        ).values_list("apprentice_id", flat=True)
    )
    past_probation = [
        a
        for a in apprentices
        if a.status not in (Status.PENDING_REGISTRATION, Status.PROBATION)
        and a.pk not in left_in_probation
    ]
    cancelled_after_ever = ApprenticeEvent.objects.filter(
        apprentice_id__in=ids, to_status=Status.CANCELLED, during_probation=False
    ).count()
    attempts = ExamAttempt.objects.filter(
        apprentice_id__in=ids, scheduled_on__gte=start, scheduled_on__lte=end, score__isnull=False
    )
    firsts = {}
    for attempt in ExamAttempt.objects.filter(apprentice_id__in=ids, score__isnull=False).order_by(
        "apprentice_id", "scheduled_on", "pk"
    ):
        firsts.setdefault(attempt.apprentice_id, attempt)
    first_in_range = [a for a in firsts.values() if start <= a.scheduled_on <= end]
    current = [a for a in apprentices if a.status in CURRENT]
    # Entry and now over the same people: the current apprentices with a known entry wage.
    paid = paid_rates([a.pk for a in current], today)
    with_entry = [a for a in current if a.starting_hourly_rate is not None]
    entry = (
        sum(a.starting_hourly_rate for a in with_entry) / len(with_entry) if with_entry else None
    )
    now_rates = [paid.get(a.pk, a.starting_hourly_rate) for a in with_entry]
    rti_pace = [
        a.rti.attended * 100 / a.rti.planned_to_date for a in current if a.rti.planned_to_date
    ]
    rate = completion_rate(track_id=track.pk, registered_from=start, registered_to=end, today=today)
    figures = [
        (_("Apprentices (started by the end of the period)"), str(total)),
        (_("New registrations"), str(registered)),
        (_("Completions"), str(completed)),
        (_("Cancellations during probation"), str(cancelled_in)),
        (_("Cancellations after probation"), str(cancelled_after)),
        (
            _(
                "Completion rate (29 CFR 29.2): of the %(n)d apprentices registered in the "
                "period, less %(left)d cancelled during probation, those who completed within a "
                "year of their projected completion date (%(open)d still within that year)"
            )
            % {"n": rate.registered, "left": rate.left_in_probation, "open": rate.still_open},
            f"{rate.percent}%" if rate.percent is not None else "—",
        ),
        (
            _("Retention after probation"),
            _percent(len(past_probation) - cancelled_after_ever, len(past_probation)),
        ),
        (
            _("Certification passed at the first attempt"),
            _percent(sum(1 for a in first_in_range if a.passed), len(first_in_range)),
        ),
        (
            _("Certification attempts passed"),
            _percent(attempts.filter(passed=True).count(), attempts.count()),
        ),
        (_("Average wage at entry (current apprentices)"), f"${entry:.2f}" if entry else "—"),
        (
            _("Average wage now (the same apprentices)"),
            f"${sum(now_rates) / len(now_rates):.2f}" if now_rates else "—",
        ),
        (
            _("Classroom hours, share of the plan to date (current apprentices)"),
            f"{sum(rti_pace) / len(rti_pace):.0f}%" if rti_pace else "—",
        ),
        (
            _("Projected short of their standard by the planned end (at work, not on leave)"),
            str(sum(1 for a in current if a.status in AT_WORK and a.ojl.short)),
        ),
    ]
    report = ProgramReport(
        track=track,
        start=start,
        end=end,
        today=today,
        statuses=statuses,
        by_cohort=by_cohort,
        totals=dict(totals),
        total=total,
        figures=figures,
        flags=_flags(apprentices, ids, track, today),
    )
    report.mismatches = self_check(report, apprentices)
    return report


def _flags(apprentices: list[Apprentice], ids: list[int], track: Track, today: date) -> list[Flag]:
    flags = []
    registered_on = dict(
        ApprenticeEvent.objects.filter(
            apprentice_id__in=ids,
            from_status=Status.PENDING_REGISTRATION,
            to_status=Status.PROBATION,
        ).values_list("apprentice_id", "effective_on")
    )
    for a in apprentices:
        due = a.employment_start + timedelta(days=REPORT_WITHIN_DAYS)
        on = registered_on.get(a.pk)
        if (on and on > due) or (
            on is None and a.status == Status.PENDING_REGISTRATION and today > due
        ):
            flags.append(
                Flag(
                    _("Not registered within 45 days"),
                    str(a.person),
                    _("registered %(on)s") % {"on": on} if on else _("not registered yet"),
                    a.pk,
                )
            )
        if a.probation_end > a.standard.probation_limit_from(a.employment_start):
            flags.append(
                Flag(
                    _("Probation longer than 29 CFR 29.5 allows"),
                    str(a.person),
                    _("%(days)d days") % {"days": (a.probation_end - a.employment_start).days + 1},
                    a.pk,
                )
            )
        if a.status in AT_WORK:  # an apprentice on leave is not behind (as on the staff home)
            if a.ojl.short:
                flags.append(
                    Flag(
                        _("Projected short of the standard by the planned end"),
                        str(a.person),
                        _ojl_detail(a.ojl),
                        a.pk,
                    )
                )
            if a.rti.at_risk:  # the roster's and the staff home's rule, counted the same way
                flags.append(
                    Flag(
                        _("Classroom hours below pace"),
                        str(a.person),
                        ngettext(
                            "%(attended)s of %(planned)s h planned to date, "
                            "%(missed)d class missed",
                            "%(attended)s of %(planned)s h planned to date, "
                            "%(missed)d classes missed",
                            a.rti.missed,
                        )
                        % {
                            "attended": _hours(a.rti.attended),
                            "planned": _hours(a.rti.planned_to_date),
                            "missed": a.rti.missed,
                        },
                        a.pk,
                    )
                )
    for event in (
        ApprenticeEvent.objects.filter(apprentice_id__in=ids)
        .exclude(notice="")
        .select_related("apprentice__person")
    ):
        due = event.effective_on + timedelta(days=REPORT_WITHIN_DAYS)
        reported = event.reported_to_dol_on
        if (reported and reported > due) or (reported is None and today > due):
            flags.append(
                Flag(
                    _("Change not reported within 45 days"),
                    str(event.apprentice.person),
                    f"{event.get_notice_display()} {event.effective_on}",
                    event.apprentice_id,
                )
            )
    # 29 CFR 29.5(b)(5): hired below the schedule's hire rate (an exception staff recorded).
    for offer in (
        Offer.objects.filter(release__application__apprentice__in=ids)
        .exclude(below_schedule_reason="")
        .select_related("release__application__apprentice__person")
    ):
        apprentice = offer.release.application.apprentice
        flags.append(
            Flag(
                _("Hired below the wage schedule's hire rate"),
                str(apprentice.person),
                _("$%(rate)s against $%(schedule)s: %(reason)s")
                % {
                    "rate": offer.hourly_rate,
                    "schedule": offer.schedule_rate,
                    "reason": offer.below_schedule_reason,
                },
                apprentice.pk,
            )
        )
    # 29 CFR 29.5(b)(7): departments where the track's apprentices work over the ratio.
    departments = Department.objects.filter(
        apprentices__in=[a.pk for a in apprentices if a.status in AT_WORK]
    ).distinct()
    for ratio in department_ratios(departments=departments):
        if ratio.over:
            flags.append(
                Flag(
                    _("More apprentices than the ratio to preceptors allows"),
                    ratio.department.name,
                    _("%(n)d apprentices for %(p)d preceptors, at most %(r)d each")
                    % {"n": ratio.apprentices, "p": ratio.preceptors, "r": ratio.per_preceptor},
                )
            )
    return flags


def _ojl_detail(ojl) -> str:
    """Why the apprentice falls short: the projection's own figures, against their standard."""
    if ojl.projected_completion and not ojl.hours_done:
        return _(
            "%(approved)s h approved at %(pace)s h a week: %(required)s h on %(on)s, after the "
            "planned end %(end)s"
        ) % {
            "approved": _hours(ojl.approved),
            "pace": _hours(ojl.pace),
            "required": _hours(ojl.required),
            "on": date_format(ojl.projected_completion, "M j, Y"),
            "end": date_format(ojl.term_end, "M j, Y"),
        }
    if ojl.projected_completion or ojl.hours_done:
        return _(
            "%(signed)d of %(all)d competencies signed off: all of them on %(on)s at this pace, "
            "after the planned end %(end)s"
        ) % {
            "signed": ojl.signed_off,
            "all": ojl.competencies,
            "on": date_format(ojl.projected_completion, "M j, Y")
            if ojl.projected_completion
            else "—",
            "end": date_format(ojl.term_end, "M j, Y"),
        }
    return _(
        "%(approved)s h approved, no approved hours in the last weeks to project from; planned "
        "end %(end)s"
    ) % {"approved": _hours(ojl.approved), "end": date_format(ojl.term_end, "M j, Y")}


def self_check(report: ProgramReport, apprentices: list[Apprentice]) -> list[str]:
    """The report's figures against the rows they come from: every mismatch, in words."""
    problems = []
    ids = [a.pk for a in apprentices]
    counted = dict(
        Apprentice.objects.filter(cohort__track=report.track, employment_start__lte=report.end)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if counted != report.totals:
        problems.append(
            _("Counts by status differ from the apprentice records: %(db)s.")
            % {"db": ", ".join(f"{Status(k).label} {v}" for k, v in sorted(counted.items()))}
        )
    if sum(report.totals.values()) != report.total:
        problems.append(
            _("Counts by status add up to %(sum)d, not the %(total)d apprentices.")
            % {"sum": sum(report.totals.values()), "total": report.total}
        )
    if sum(n for _c, _row, n in report.by_cohort) != report.total:
        problems.append(_("Counts by cohort do not add up to the total."))
    rti = sum((a.rti.attended for a in apprentices), ZERO)
    rows = (
        Attendance.objects.filter(apprentice_id__in=ids)
        .filter(~Q(session__status=ClassSession.Status.CANCELLED))
        .aggregate(h=Sum("hours_credited"))["h"]
        or ZERO
    )
    if rti != rows:
        problems.append(
            _(
                "Classroom hours in the report (%(report)s) differ from the attendance rows "
                "(%(rows)s)."
            )
            % {"report": rti, "rows": rows}
        )
    ojl = sum((a.ojl.approved for a in apprentices), ZERO)
    entries = (
        Timesheet.objects.filter(apprentice_id__in=ids, status=Timesheet.Status.APPROVED).aggregate(
            h=Sum("entries__hours")
        )["h"]
        or ZERO
    ) + (
        HoursAdjustment.objects.filter(apprentice_id__in=ids).aggregate(h=Sum("hours"))["h"] or ZERO
    )
    if ojl != entries:
        problems.append(
            _("Clinic hours in the report (%(report)s) differ from the timesheet rows (%(rows)s).")
            % {"report": ojl, "rows": entries}
        )
    last_events = {}
    for apprentice_id, to_status in (
        ApprenticeEvent.objects.filter(apprentice_id__in=ids)
        .order_by("apprentice_id", "at", "pk")
        .values_list("apprentice_id", "to_status")
    ):
        last_events[apprentice_id] = to_status
    for a in apprentices:
        if a.pk in last_events and last_events[a.pk] != a.status:
            problems.append(
                _("%(person)s is %(status)s but the last status event says %(event)s.")
                % {
                    "person": a.person,
                    "status": Status(a.status).label,
                    "event": Status(last_events[a.pk]).label,
                }
            )
    return problems


def report_rows(report: ProgramReport) -> tuple[list[str], list[list[object]]]:
    """The same figures as a table for the CSV: section, label, value."""
    rows: list[list[object]] = [["figure", label, value] for label, value in report.figures]
    for name, row, n in report.by_cohort:
        for value, label in report.statuses:
            rows.append(["cohort", f"{name}: {label}", row.get(value, 0)])
        rows.append(["cohort", f"{name}: total", n])
    for rule, flags in report.flag_groups:
        rows.append(["flag count", rule, len(flags)])
        rows += [["flag", rule, f"{f.who}: {f.detail}" if f.detail else f.who] for f in flags]
    rows += [["mismatch", m, ""] for m in report.mismatches]
    return ["section", "label", "value"], rows
