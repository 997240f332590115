"""Reads of exams and wages: who may see whose wages, an apprentice's wage history and next
step, the approval queue, the payroll list of a pay period, exam readiness, graduates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Max, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from classroom.models import Grade, Module
from classroom.selectors import apprentices_with_rti
from clinic.models import Competency, CompetencySignoff
from cohorts.models import Access, Apprentice
from programs.models import Program, WageRate
from programs.selectors import current_rates, schedule_rates, wage_schedule
from wages.certificates import follow_up_due
from wages.models import CertificationExam, CompletionCertificate, GraduateFollowUp, WageStep
from wages.steps import ojl_hours_of, rate_in_force


def wages_scope(user: User) -> QuerySet[Apprentice]:
    """Whose wages a person may see: staff everyone's, a hiring manager their departments'
    apprentices, an apprentice their own."""
    return Apprentice.objects.visible_to(user, Access.WAGES)


def apprentice_for_wages(user: User, apprentice_id: int) -> Apprentice:
    return get_object_or_404(
        wages_scope(user).select_related(
            "person", "cohort__track__program", "department", "standard"
        ),
        pk=apprentice_id,
    )


@dataclass
class NextStep:
    rate: WageRate
    hours_to_go: Decimal | None = None


@dataclass
class WageHistory:
    approved: list[WageStep]
    pending: list[WageStep]
    current_rate: Decimal | None
    next_step: NextStep | None
    ojl_hours: Decimal
    schedule_rates: list[WageRate] = field(default_factory=list)


def wage_history(*, apprentice: Apprentice, today: date) -> WageHistory:
    steps = list(
        apprentice.wage_steps.select_related("approved_by", "apprentice__cohort").order_by(
            "effective_on", "pk"
        )
    )
    rates = current_rates([apprentice.cohort.track_id])
    approved = [s for s in steps if s.status == WageStep.Status.APPROVED]
    pending = [s for s in steps if s.status == WageStep.Status.PENDING]
    for step in pending:
        step.rate_now = rate_in_force(step, rates)
        step.days_pending = (today - timezone.localdate(step.created_at)).days
    paid = [s.hourly_rate for s in approved if s.effective_on <= today]
    current = max(paid) if paid else apprentice.starting_hourly_rate
    earned = {s.key for s in steps} | {WageRate.Trigger.HIRE}  # hired: never the next step
    hours = ojl_hours_of([apprentice.pk]).get(apprentice.pk, Decimal(0))
    ordered = schedule_rates(wage_schedule(apprentice.cohort.track_id))
    next_step = None
    for rate in ordered:
        if rate.key not in earned:
            to_go = max(Decimal(rate.ojl_hours) - hours, Decimal(0)) if rate.ojl_hours else None
            next_step = NextStep(rate=rate, hours_to_go=to_go)
            break
    return WageHistory(approved, pending, current, next_step, hours, ordered)


def pending_steps(*, today: date, track_id: int | None = None) -> list[WageStep]:
    """The approval queue, oldest first, with the rate each would get today and days pending."""
    steps = WageStep.objects.filter(status=WageStep.Status.PENDING).select_related(
        "apprentice__person", "apprentice__cohort__track", "apprentice__department"
    )
    if track_id:
        steps = steps.filter(apprentice__cohort__track_id=track_id)
    steps = list(steps.order_by("created_at", "pk"))
    rates = current_rates({s.apprentice.cohort.track_id for s in steps})
    current = paid_rates([s.apprentice_id for s in steps], today)
    for step in steps:
        step.rate_now = rate_in_force(step, rates)
        step.rate_before = current.get(step.apprentice_id, step.apprentice.starting_hourly_rate)
        step.days_pending = (today - timezone.localdate(step.created_at)).days
    return steps


def paid_rates(apprentice_ids: list[int], today: date) -> dict[int, Decimal]:
    """The rate each apprentice is paid today (the highest approved step in force), in one
    query."""
    rows = (
        WageStep.objects.filter(
            apprentice_id__in=apprentice_ids,
            status=WageStep.Status.APPROVED,
            effective_on__lte=today,
        )
        .values_list("apprentice_id")
        .annotate(rate=Max("hourly_rate"))
        .order_by()
    )
    return dict(rows)


def paid_rates_by_cohort(cohort_ids: list[int], today: date) -> dict[int, list[Decimal]]:
    """The rate each apprentice of these cohorts is paid today, grouped by cohort, in one
    query filtered by cohort (not a list of thousands of apprentice ids)."""
    rows = (
        WageStep.objects.filter(
            apprentice__cohort_id__in=cohort_ids,
            status=WageStep.Status.APPROVED,
            effective_on__lte=today,
        )
        .values_list("apprentice_id", "apprentice__cohort_id")
        .annotate(rate=Max("hourly_rate"))
        .order_by()
    )
    by_cohort: dict[int, list[Decimal]] = defaultdict(list)
    for _apprentice, cohort_id, rate in rows:
        by_cohort[cohort_id].append(rate)
    return by_cohort


def payroll_periods(*, program: Program, today: date) -> list[tuple[date, int]]:
    """Pay periods with approved raises (not the hire rate), newest first, with their count."""
    counts: dict[date, int] = defaultdict(int)
    rows = (
        WageStep.objects.filter(status=WageStep.Status.APPROVED)
        .exclude(trigger=WageRate.Trigger.HIRE)
        .filter(apprentice__cohort__track__program=program)
        .values_list("effective_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for day, n in rows:
        counts[program.pay_period_of(day)] += n
    return sorted(counts.items(), reverse=True)


def payroll_steps(*, program: Program, period_start: date) -> QuerySet[WageStep]:
    """Exactly the approved raises paid from this pay period, for the payroll file."""
    start = program.pay_period_of(period_start)
    return (
        WageStep.objects.filter(
            status=WageStep.Status.APPROVED,
            effective_on__gte=start,
            effective_on__lt=start + timedelta(days=program.pay_period_days),
            apprentice__cohort__track__program=program,
        )
        .exclude(trigger=WageRate.Trigger.HIRE)
        .select_related(
            "apprentice__person",
            "apprentice__department",
            "apprentice__cohort__track",
            "approved_by",
        )
        .order_by("apprentice__person__last_name", "apprentice__person__first_name", "pk")
    )


def team_wages(*, user: User, today: date, department_id: int | None = None) -> list[Apprentice]:
    """Apprentices whose wages the person sees, with the rate paid today, pending steps and
    the next step of the schedule, in a constant number of queries."""
    apprentices = (
        wages_scope(user)
        .current()
        .select_related("person", "cohort__track", "department")
        .order_by("department__name", "person__last_name", "person__first_name")
    )
    if department_id:
        apprentices = apprentices.filter(department_id=department_id)
    apprentices = list(apprentices)
    ids = [a.pk for a in apprentices]
    paid = paid_rates(ids, today)
    earned: dict[int, set[str]] = defaultdict(set)
    pending: dict[int, int] = defaultdict(int)
    for apprentice_id, key, status in WageStep.objects.filter(apprentice_id__in=ids).values_list(
        "apprentice_id", "key", "status"
    ):
        earned[apprentice_id].add(key)
        pending[apprentice_id] += status == WageStep.Status.PENDING
    rates = current_rates({a.cohort.track_id for a in apprentices})
    ordered = {
        track: sorted(by_key.values(), key=lambda r: r.sort_key) for track, by_key in rates.items()
    }
    for apprentice in apprentices:
        apprentice.rate_now = paid.get(apprentice.pk, apprentice.starting_hourly_rate)
        apprentice.pending_steps = pending[apprentice.pk]
        apprentice.next_rate = next(
            (
                r
                for r in ordered.get(apprentice.cohort.track_id, [])
                if r.key not in earned[apprentice.pk] and r.trigger != WageRate.Trigger.HIRE
            ),
            None,
        )
    return apprentices


@dataclass
class Readiness:
    rti_percent: int
    missed: int
    failing_modules: list[str]
    ungraded: int
    competencies_percent: int
    ready: bool
    reasons: list[str]


def exam_readiness(
    *, apprentices: QuerySet[Apprentice], exam: CertificationExam | None, today: date
) -> dict[int, Readiness]:
    """Per apprentice before the exam: classroom hours against the plan to date, module
    grades against their pass marks, competencies signed off; flagged below the exam's
    thresholds. A constant number of queries."""
    roster = apprentices_with_rti(apprentices, today)
    ids = [a.pk for a in roster]
    track_ids = {a.cohort.track_id for a in roster}
    modules: dict[int, list[Module]] = defaultdict(list)
    for module in Module.objects.filter(track_id__in=track_ids).order_by("order"):
        modules[module.track_id].append(module)
    grades: dict[int, dict[int, int]] = defaultdict(dict)
    for apprentice_id, module_id, score in Grade.objects.filter(apprentice_id__in=ids).values_list(
        "apprentice_id", "module_id", "score"
    ):
        grades[apprentice_id][module_id] = score
    competencies = dict(
        Competency.objects.filter(work_process__track_id__in=track_ids, is_active=True)
        .values_list("work_process__track_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    signed = dict(
        CompetencySignoff.objects.filter(apprentice_id__in=ids, competency__is_active=True)
        .values_list("apprentice_id")
        .annotate(n=Count("competency", distinct=True))
        .order_by()
    )
    min_rti = exam.min_rti_percent if exam else 90
    min_comp = exam.min_competencies_percent if exam else 50
    result = {}
    for apprentice in roster:
        rti = apprentice.rti
        rti_percent = int(rti.attended * 100 / rti.planned_to_date) if rti.planned_to_date else 100
        scores = grades[apprentice.pk]
        failing = [
            m.title
            for m in modules[apprentice.cohort.track_id]
            if m.pk in scores and scores[m.pk] < m.pass_mark
        ]
        ungraded = sum(1 for m in modules[apprentice.cohort.track_id] if m.pk not in scores)
        total = competencies.get(apprentice.cohort.track_id, 0)
        comp_percent = int(signed.get(apprentice.pk, 0) * 100 / total) if total else 100
        reasons = []
        if rti_percent < min_rti:
            reasons.append(
                _("classroom hours %(p)d%% of plan (needs %(m)d%%)")
                % {"p": rti_percent, "m": min_rti}
            )
        if failing:
            reasons.append(_("below the pass mark in %(m)s") % {"m": ", ".join(failing)})
        if comp_percent < min_comp:
            reasons.append(
                _("competencies %(p)d%% signed off (needs %(m)d%%)")
                % {"p": comp_percent, "m": min_comp}
            )
        result[apprentice.pk] = Readiness(
            rti_percent, rti.missed, failing, ungraded, comp_percent, not reasons, reasons
        )
    return result


@dataclass
class Graduate:
    apprentice: Apprentice
    completed_on: date
    certificate: CompletionCertificate
    checks: list[tuple[int, date, GraduateFollowUp | None]]  # (months, due, recorded)


def graduate_certificates() -> QuerySet[CompletionCertificate]:
    """Every completion, newest first: the graduates page shows them a page at a time."""
    return CompletionCertificate.objects.select_related(
        "apprentice__person", "apprentice__cohort__track", "apprentice__department"
    ).order_by("-completed_on", "apprentice__person__last_name", "pk")


def graduates(
    *, today: date, certificates: Iterable[CompletionCertificate] | None = None
) -> list[Graduate]:
    """Apprentices who completed (those `certificates`, else all), newest first, with their 6-
    and 12-month follow-ups."""
    certificates = list(graduate_certificates() if certificates is None else certificates)
    follow_ups: dict[int, dict[int, GraduateFollowUp]] = defaultdict(dict)
    for follow_up in GraduateFollowUp.objects.filter(
        apprentice_id__in=[c.apprentice_id for c in certificates]
    ):
        follow_ups[follow_up.apprentice_id][follow_up.months] = follow_up
    return [
        Graduate(
            apprentice=c.apprentice,
            completed_on=c.completed_on,
            certificate=c,
            checks=[
                (m, follow_up_due(c.completed_on, m), follow_ups[c.apprentice_id].get(m))
                for m in GraduateFollowUp.Months.values
            ],
        )
        for c in certificates
    ]
