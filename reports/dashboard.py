"""The program dashboard ("evaluate and evolve"): what works, by intake month and cohort, each
figure a database aggregate (a bounded number of queries whatever the size), each chart an SVG
drawn on the server beside the same numbers as a table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import pygal
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pygal.style import Style

from applicants.models import Application
from cohorts.models import Apprentice, Cohort
from hiring.models import Offer, Requisition
from programs.models import Track
from wages.certificates import follow_up_due
from wages.lifecycle import completion_rates
from wages.models import CompletionCertificate, ExamAttempt, GraduateFollowUp
from wages.selectors import paid_rates_by_cohort

Step = Application.Step
# Contrast-checked colours (WCAG AA against white) for the series.
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#555555",
    colors=("#1f5fa8", "#b35c00", "#2e7d32", "#8e24aa", "#c62828", "#00695c"),
    font_family="DejaVu Sans, sans-serif",
)
HIRED = [Step.ENROLLED]
OFFERED = [Step.OFFERED, Step.ACCEPTED, Step.ONBOARDING, Step.DECLINED, *HIRED]
TESTED = [Step.SCREENING, Step.FAILED_SCREEN, Step.READY_FOR_HIRE, Step.INTERVIEWING, *OFFERED]
APPLIED = [Step.APPLIED, Step.TESTING, *TESTED]
# Who reached each step, from where the application is now (an exit after a step counts).
# Each step's set holds the next one's, so no month shows a later step above an earlier one.
REACHED = {
    "applied": Q(submitted_at__isnull=False) | Q(step__in=APPLIED),
    "tested": Q(step__in=TESTED),
    "offered": Q(step__in=OFFERED),
    "hired": Q(step__in=HIRED),
}


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list[object]]
    chart: str = ""


def _chart(title: str, labels: list[str], series: list[tuple[str, list]], kind=pygal.Bar) -> str:
    chart = kind(
        style=STYLE,
        js=[],  # no script: the page's policy forbids it, and the table says the same
        height=320,
        width=900,
        explicit_size=False,
        x_label_rotation=30,
        legend_at_bottom=True,
        title=title,
        print_values=False,
    )
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    # An image from a data URI: the SVG's own styles apply inside it, and the page's policy
    # (no inline style or script) stays as it is.
    return chart.render_data_uri()


def dashboard(*, track_id: int | None, start: date, end: date, today: date) -> list[Table]:
    applications = Application.objects.filter(
        intake_month__gte=start.replace(day=1), intake_month__lte=end
    )
    cohorts = Cohort.objects.filter(start_date__gte=start, start_date__lte=end)
    if track_id:
        applications = applications.filter(track_id=track_id)
        cohorts = cohorts.filter(track_id=track_id)
    tables = [_funnel(applications), _time_to_hire(applications)]
    tables += _cohorts(cohorts, today)
    tables += [
        _departments(track_id, start, end),
        _completion_rates(track_id, start, end, today),
        _graduates(track_id, today),
    ]
    return tables


def _completion_rates(track_id: int | None, start: date, end: date, today: date) -> Table:
    """29 CFR 29.2's completion rate of each track's apprentices registered in the period."""
    tracks = Track.objects.order_by("name")
    if track_id:
        tracks = tracks.filter(pk=track_id)
    tracks = list(tracks)
    rates = completion_rates(
        track_ids=[t.pk for t in tracks], registered_from=start, registered_to=end, today=today
    )
    rows = []
    for track in tracks:
        rate = rates[track.pk]
        rows.append(
            [
                track.name,
                rate.registered,
                rate.left_in_probation,
                rate.counted,
                rate.completed_in_time,
                rate.still_open,
                f"{rate.percent}%" if rate.percent is not None else "—",
            ]
        )
    header = [
        _("Track"),
        _("Registered in the period"),
        _("Cancelled during probation (left out)"),
        _("Counted"),
        _("Completed within a year of the projected date"),
        _("Still within that year"),
        _("Completion rate"),
    ]
    return Table(
        "completion_rate",
        _(
            "Completion rate (29 CFR 29.2): of those registered in the period, less cancellations "
            "during probation, the share who completed within a year of their projected "
            "completion date"
        ),
        header,
        rows,
    )


def _funnel(applications) -> Table:
    rows = (
        applications.values("intake_month")
        .annotate(
            interest=Count("pk"),
            **{name: Count("pk", filter=reached) for name, reached in REACHED.items()},
        )
        .order_by("intake_month")
    )
    data = [
        [
            r["intake_month"].strftime("%Y-%m"),
            r["interest"],
            r["applied"],
            r["tested"],
            r["offered"],
            r["hired"],
        ]
        for r in rows
    ]
    header = [_("Intake month"), _("Interest"), _("Applied"), _("Tested"), _("Offered"), _("Hired")]
    chart = _chart(
        _("From interest to hire, by intake month"),
        [r[0] for r in data],
        [(header[i], [r[i] for r in data]) for i in range(1, 6)],
    )
    return Table("funnel", _("From interest to hire"), header, data, chart)


def _time_to_hire(applications) -> Table:
    rows = (
        applications.filter(apprentice__isnull=False, submitted_at__isnull=False)
        .annotate(
            took=ExpressionWrapper(
                F("apprentice__enrolled_at") - F("submitted_at"), output_field=DurationField()
            )
        )
        .values("intake_month")
        .annotate(hires=Count("pk"), average=Avg("took"))
        .order_by("intake_month")
    )
    data = [
        [
            r["intake_month"].strftime("%Y-%m"),
            r["hires"],
            round(r["average"].total_seconds() / 86400, 1),
        ]
        for r in rows
        if r["average"] is not None
    ]
    header = [_("Intake month"), _("Hires"), _("Days from application to hire (average)")]
    return Table("time_to_hire", _("Days from application to hire"), header, data)


def _cohorts(cohorts, today: date) -> list[Table]:
    rows = list(
        cohorts.annotate(
            enrolled=Count("apprentices"),
            cancelled=Count(
                "apprentices",
                filter=Q(apprentices__status=Apprentice.Status.CANCELLED),
            ),
            completed=Count(
                "apprentices", filter=Q(apprentices__status=Apprentice.Status.COMPLETED)
            ),
            entry=Avg("apprentices__starting_hourly_rate"),
        )
        .select_related("track")
        .order_by("start_date")
    )
    ids = [c.pk for c in rows]
    firsts: dict[int, dict[int, bool]] = defaultdict(dict)
    for cohort_id, apprentice_id, passed in (
        ExamAttempt.objects.filter(apprentice__cohort_id__in=ids, score__isnull=False)
        .order_by("apprentice_id", "scheduled_on", "pk")
        .values_list("apprentice__cohort_id", "apprentice_id", "passed")
    ):
        firsts[cohort_id].setdefault(apprentice_id, passed)
    now_rates = paid_rates_by_cohort(ids, today)
    fill, keep, passes, wages = [], [], [], []
    for c in rows:
        name = str(c)
        fill.append([name, c.enrolled, c.capacity, _percent(c.enrolled, c.capacity)])
        keep.append(
            [
                name,
                c.enrolled,
                c.cancelled,
                c.completed,
                _percent(c.enrolled - c.cancelled, c.enrolled),
            ]
        )
        first = firsts.get(c.pk, {})
        passes.append(
            [name, len(first), sum(first.values()), _percent(sum(first.values()), len(first))]
        )
        rates = now_rates.get(c.pk, [])
        now = sum(rates) / len(rates) if rates else None
        wages.append(
            [
                name,
                f"{c.entry:.2f}" if c.entry else "—",
                f"{now:.2f}" if now else "—",
                f"{now - c.entry:+.2f}" if now and c.entry else "—",
            ]
        )
    labels = [r[0] for r in fill]
    return [
        Table(
            "fill",
            _("Cohort fill rate"),
            [_("Cohort"), _("Enrolled"), _("Seats"), _("Filled")],
            fill,
            _chart(
                _("Seats filled, by cohort"),
                labels,
                [(_("Enrolled"), [r[1] for r in fill]), (_("Seats"), [r[2] for r in fill])],
            ),
        ),
        Table(
            "retention",
            _("Retention and completion by cohort"),
            [_("Cohort"), _("Enrolled"), _("Cancelled"), _("Completed"), _("Retained")],
            keep,
        ),
        Table(
            "pass_rates",
            _("Certification passed at the first attempt, by cohort"),
            [_("Cohort"), _("Sat the exam"), _("Passed first time"), _("Pass rate")],
            passes,
        ),
        Table(
            "wage_gain",
            _("Wage gain from entry, by cohort ($ an hour)"),
            [_("Cohort"), _("Entry"), _("Now"), _("Gain")],
            wages,
        ),
    ]


def _departments(track_id: int | None, start: date, end: date) -> Table:
    requisitions = Requisition.objects.filter(opened_at__date__gte=start, opened_at__date__lte=end)
    if track_id:
        requisitions = requisitions.filter(track_id=track_id)
    rows = (
        requisitions.values("department__name")
        .annotate(
            open_now=Count("pk", filter=Q(status=Requisition.Status.OPEN), distinct=True),
            opened=Count("pk", distinct=True),
            declines=Count(
                "releases__offer",
                filter=Q(releases__offer__answer=Offer.Answer.DECLINED),
            ),
        )
        .order_by("-open_now", "-declines", "department__name")[:15]
    )
    data = [[r["department__name"], r["opened"], r["open_now"], r["declines"]] for r in rows]
    return Table(
        "departments",
        _("Hard-to-fill departments"),
        [_("Department"), _("Requisitions"), _("Still open"), _("Offers declined")],
        data,
    )


def _graduates(track_id: int | None, today: date) -> Table:
    """Graduates at 6 and 12 months: how many completed, whose follow-up is due, recorded, and
    still employed; graduates show before their first follow-up is due."""
    certificates = CompletionCertificate.objects.all()
    follow_ups = GraduateFollowUp.objects.all()
    if track_id:
        certificates = certificates.filter(apprentice__cohort__track_id=track_id)
        follow_ups = follow_ups.filter(apprentice__cohort__track_id=track_id)
    completed = list(certificates.values_list("completed_on", flat=True))
    recorded = {
        r["months"]: r
        for r in follow_ups.values("months")
        .annotate(recorded=Count("pk"), employed=Count("pk", filter=Q(employed=True)))
        .order_by()
    }
    data = []
    for months in GraduateFollowUp.Months.values:
        row = recorded.get(months, {"recorded": 0, "employed": 0})
        data.append(
            [
                ngettext("%(n)d month", "%(n)d months", months) % {"n": months},
                len(completed),
                sum(1 for day in completed if follow_up_due(day, months) <= today),
                row["recorded"],
                row["employed"],
                _percent(row["employed"], row["recorded"]),
            ]
        )
    return Table(
        "graduates",
        _("Graduates still employed"),
        [
            _("After"),
            _("Graduates"),
            _("Follow-up due"),
            _("Follow-ups recorded"),
            _("Still employed"),
            _("Share"),
        ],
        data,
    )


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f}%" if whole else "—"
