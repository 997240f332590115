"""Reads of support services: the coach's caseload ordered by what needs attention, the
apprentice's own support, and survey results by cohort with small groups kept anonymous."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from apprenticeship.dates import in_force
from clinic.selectors import apprentices_with_pace
from cohorts.models import Access, Apprentice, Cohort
from support.models import (
    CheckIn,
    SupportAction,
    SupportAssignment,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from wages.models import ExamAttempt

QUIET_DAYS = 30
EXAM_SOON_DAYS = 14
ANONYMITY_FLOOR = 5


def supported_by(user: User) -> QuerySet[Apprentice]:
    """The apprentices a coach or mentor supports now; staff see everyone."""
    return Apprentice.objects.current().visible_to(user, Access.SUPPORT)


def apprentice_for_supporter(user: User, apprentice_id: int) -> Apprentice:
    return get_object_or_404(
        supported_by(user).select_related("person", "cohort__track", "department"),
        pk=apprentice_id,
    )


@dataclass
class Attention:
    apprentice: Apprentice
    reasons: list[str]
    last_check_in: date | None
    follow_ups_due: int


def caseload(*, user: User, today: date) -> list[Attention]:
    """The coach's apprentices, those needing attention first: at risk in class or clinic,
    no check-in for 30 days, open follow-ups due. Queries do not grow with the caseload."""
    from django.utils.translation import gettext as _

    apprentices = list(
        supported_by(user)
        .filter(Q(supporters__person=user) & in_force(today, "supporters__"))
        .select_related("person", "cohort__track")
        .annotate(
            last_check_in=Max("check_ins__on"),
            due=Count(
                "actions",
                filter=Q(actions__done_on__isnull=True, actions__follow_up_on__lte=today),
                distinct=True,
            ),
        )
    )
    ids = [a.pk for a in apprentices]
    # Class and clinic pace on a plain queryset: joined to the check-ins and actions above,
    # classroom's sum of hours would count each attendance row once per check-in.
    flags = {a.pk: a for a in apprentices_with_pace(Apprentice.objects.filter(pk__in=ids), today)}
    exam_soon = set(
        ExamAttempt.objects.filter(
            apprentice_id__in=ids,
            score__isnull=True,
            scheduled_on__gte=today,
            scheduled_on__lte=today + timedelta(days=EXAM_SOON_DAYS),
        ).values_list("apprentice_id", flat=True)
    )
    failed = set(
        ExamAttempt.objects.filter(apprentice_id__in=ids, passed=False)
        .exclude(apprentice__exam_attempts__passed=True)
        .values_list("apprentice_id", flat=True)
    )
    out = []
    for apprentice in apprentices:
        reasons = []
        if apprentice.pk in failed:
            reasons.append(_("exam not passed yet"))
        if apprentice.pk in exam_soon:
            reasons.append(_("exam in the next two weeks"))
        row = flags.get(apprentice.pk)
        if row is not None and row.rti.at_risk:
            reasons.append(_("behind in class"))
        if row is not None and row.ojl.short:
            reasons.append(_("behind in clinic hours"))
        if apprentice.last_check_in is None or apprentice.last_check_in < today - timedelta(
            days=QUIET_DAYS
        ):
            reasons.append(_("no check-in for 30 days"))
        if apprentice.due:
            reasons.append(_("follow-up due"))
        out.append(Attention(apprentice, reasons, apprentice.last_check_in, apprentice.due))
    out.sort(key=lambda a: (-len(a.reasons), a.apprentice.person.last_name))
    return out


def check_ins_for(*, apprentice: Apprentice, viewer: User) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.readable_by(viewer)
        .filter(apprentice=apprentice)
        .select_related("author")
        .prefetch_related("barriers", "actions")
    )


def supporters_of(apprentice: Apprentice) -> list[SupportAssignment]:
    return list(
        SupportAssignment.objects.filter(in_force(timezone.localdate()), apprentice=apprentice)
        .select_related("person")
        .order_by("kind")
    )


def open_actions(apprentice: Apprentice, viewer: User | None = None) -> QuerySet[SupportAction]:
    """Open follow-ups; for a supporter, only those of check-ins they may read (an action of a
    confidential note is as confidential as the note)."""
    actions = apprentice.actions.filter(done_on__isnull=True).order_by("follow_up_on")
    if viewer is not None:
        actions = actions.filter(check_in__in=CheckIn.objects.readable_by(viewer))
    return actions


def surveys_due(*, apprentice: Apprentice, today: date) -> list[Survey]:
    """Surveys the apprentice can answer now and has not: week 4 and week 12 from those weeks
    on; completion once the apprentice's status is completed."""
    answered = set(apprentice.survey_responses.values_list("survey_id", flat=True))
    weeks = (today - apprentice.employment_start).days // 7
    due = []
    for survey in Survey.objects.filter(
        program_id=apprentice.cohort.track.program_id, is_active=True
    ):
        if survey.pk in answered:
            continue
        opens = survey.opens_after_weeks
        if (opens is not None and weeks >= opens) or (
            opens is None and apprentice.status == Apprentice.Status.COMPLETED
        ):
            due.append(survey)
    return due


@dataclass
class QuestionResult:
    question: SurveyQuestion
    count: int
    average: float | None
    texts: list[str]
    hidden: bool  # too few answers to show free text without identifying someone


def survey_results(*, survey: Survey, cohort: Cohort | None) -> tuple[int, list[QuestionResult]]:
    responses = SurveyResponse.objects.filter(survey=survey)
    if cohort is not None:
        responses = responses.filter(apprentice__cohort=cohort)
    total = responses.count()
    stats = {
        row["question"]: row
        for row in SurveyAnswer.objects.filter(response__in=responses)
        .values("question")
        .annotate(n=Count("pk"), avg=Avg("scale"), low=Min("scale"))
    }
    texts: dict[int, list[str]] = defaultdict(list)
    if total >= ANONYMITY_FLOOR:
        for question_id, text in (
            SurveyAnswer.objects.filter(response__in=responses)
            .exclude(text="")
            .order_by("?")
            .values_list("question_id", "text")
        ):
            texts[question_id].append(text)
    results = []
    small = total < ANONYMITY_FLOOR
    for question in survey.questions.all():
        row = {} if small else stats.get(question.pk, {})
        results.append(
            QuestionResult(
                question=question,
                count=row.get("n", 0),
                average=float(row["avg"]) if row.get("avg") is not None else None,
                texts=texts.get(question.pk, []),
                hidden=small,
            )
        )
    return total, results
