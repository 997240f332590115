"""Periodic evaluations (29 CFR 29.5(b)(6): "periodic review and evaluation of the
apprentice's performance on the job and in related instruction"): opened a week before each
week the apprentice's standard names, rated by the preceptor (job performance) and, while the
classroom weeks last, by an instructor (related instruction), then read and acknowledged by
the apprentice with their own comment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from apprenticeship.validators import same_name
from clinic.models import Evaluation, EvaluationRating
from cohorts.models import Access, Apprentice
from programs.models import EvaluationCriterion

OPEN_BEFORE = timedelta(days=7)
Area = EvaluationCriterion.Area


def due_on(apprentice: Apprentice, week: int) -> date:
    """The last day of the term's week `week` (week 1 is the first seven days)."""
    return apprentice.employment_start + timedelta(weeks=week, days=-1)


def evaluations_open(*, today: date) -> int:
    """Nightly: the evaluations of current apprentices due within a week (or overdue) exist,
    each once (idempotent). Three queries whatever the number of apprentices."""
    apprentices = list(
        Apprentice.objects.filter(
            status__in=[Apprentice.Status.PROBATION, Apprentice.Status.ACTIVE]
        )
        .exclude(standard__evaluation_weeks="")
        .select_related("standard")
        .prefetch_related("standard__criteria")
    )
    existing = set(
        Evaluation.objects.filter(apprentice__in=apprentices).values_list("apprentice_id", "week")
    )
    wanted = []
    for apprentice in apprentices:
        standard = apprentice.standard
        if not any(c.area == Area.JOB for c in standard.criteria.all()):
            continue  # a standard without the form's criteria: nothing to rate
        has_rti = any(c.area == Area.RTI for c in standard.criteria.all())
        for week in standard.evaluation_week_list():
            due = due_on(apprentice, week)
            if (apprentice.pk, week) in existing or due - OPEN_BEFORE > today:
                continue
            wanted.append(
                Evaluation(
                    apprentice=apprentice,
                    standard=standard,
                    week=week,
                    due_on=due,
                    # Related instruction is rated while the classroom weeks last.
                    needs_rti=has_rti and week <= standard.rti_weeks,
                )
            )
    Evaluation.objects.bulk_create(wanted, ignore_conflicts=True)
    return len(wanted)


def _may_rate(evaluation: Evaluation, area: str, user: User) -> bool:
    apprentice = evaluation.apprentice
    if apprentice.person.user_id == user.pk:
        return False
    if user.is_program_staff:
        return True
    if area == Area.JOB:
        return (
            Role.PRECEPTOR in user.roles
            and Apprentice.objects.visible_to(user, Access.CLINIC).filter(pk=apprentice.pk).exists()
        )
    return (
        Role.INSTRUCTOR in user.roles and apprentice.cohort.instructors.filter(pk=user.pk).exists()
    )


@transaction.atomic
def evaluation_rate(
    *,
    evaluation: Evaluation,
    area: str,
    ratings: Mapping[int, int],
    comment: str,
    by: User,
) -> Evaluation:
    """One part of the evaluation, every criterion of its area rated 1 to 5. Final once given
    (the apprentice reads and acknowledges what was rated)."""
    evaluation = (
        Evaluation.objects.select_for_update()
        .select_related("apprentice__person", "apprentice__cohort")
        .get(pk=evaluation.pk)
    )
    if area not in Area.values:
        raise ValidationError(_("Choose job performance or related instruction."))
    if not _may_rate(evaluation, area, by):
        raise ValidationError(
            _(
                "The apprentice's preceptor rates job performance; an instructor of the cohort, "
                "related instruction."
            )
        )
    if area == Area.RTI and not evaluation.needs_rti:
        raise ValidationError(_("This evaluation has no related instruction part."))
    if (evaluation.job_at if area == Area.JOB else evaluation.rti_at) is not None:
        raise ValidationError(_("This part is already rated."))
    criteria = list(EvaluationCriterion.objects.filter(standard=evaluation.standard, area=area))
    if any(ratings.get(c.pk) not in range(1, 6) for c in criteria) or not criteria:
        raise ValidationError(_("Rate every criterion from 1 to 5."))
    EvaluationRating.objects.bulk_create(
        EvaluationRating(evaluation=evaluation, criterion=c, rating=ratings[c.pk]) for c in criteria
    )
    now = timezone.now()
    if area == Area.JOB:
        evaluation.job_by, evaluation.job_at, evaluation.job_comment = by, now, comment.strip()
        evaluation.save(update_fields=["job_by", "job_at", "job_comment"])
    else:
        evaluation.rti_by, evaluation.rti_at, evaluation.rti_comment = by, now, comment.strip()
        evaluation.save(update_fields=["rti_by", "rti_at", "rti_comment"])
    return evaluation


@transaction.atomic
def evaluation_acknowledge(
    *, evaluation: Evaluation, user: User, typed_name: str, comment: str
) -> Evaluation:
    """The apprentice has read it: their typed name and the time, with their comment."""
    evaluation = (
        Evaluation.objects.select_for_update()
        .select_related("apprentice__person")
        .get(pk=evaluation.pk)
    )
    person = evaluation.apprentice.person
    if person.user_id != user.pk:
        raise ValidationError(_("Only the apprentice acknowledges their evaluation."))
    if not evaluation.rated:
        raise ValidationError(_("The evaluation is not complete yet."))
    if evaluation.acknowledged_at is not None:
        raise ValidationError(_("You have already acknowledged this evaluation."))
    if not same_name(typed_name, person.full_name):
        raise ValidationError(
            _("Type your name as the program has it: %(name)s.") % {"name": person.full_name}
        )
    evaluation.acknowledged_at = timezone.now()
    evaluation.acknowledged_name = " ".join(typed_name.split())
    evaluation.apprentice_comment = comment.strip()
    evaluation.save(update_fields=["acknowledged_at", "acknowledged_name", "apprentice_comment"])
    return evaluation


# --- reading -----------------------------------------------------------------------------------


def evaluations_visible_to(user: User) -> QuerySet[Evaluation]:
    """Staff: all; a preceptor: their apprentices'; an instructor: their cohorts'; an
    apprentice: their own."""
    evaluations = Evaluation.objects.select_related("apprentice__person", "apprentice__cohort")
    if user.is_program_staff:
        return evaluations
    scope = Q(apprentice__person__user=user)
    if Role.PRECEPTOR in user.roles:
        scope |= Q(apprentice__in=Apprentice.objects.visible_to(user, Access.CLINIC))
    if Role.INSTRUCTOR in user.roles:
        scope |= Q(apprentice__cohort__instructors=user, needs_rti=True)
    return evaluations.filter(scope).distinct()


def evaluation_for_user(user: User, evaluation_id: int) -> Evaluation:
    evaluation = evaluations_visible_to(user).filter(pk=evaluation_id).first()
    if evaluation is None:
        raise Http404
    return evaluation


@dataclass
class Part:
    area: str
    label: str
    ratings: list[EvaluationRating]
    comment: str
    by: User | None
    at: object
    can_rate: bool
    criteria: list[EvaluationCriterion]


def evaluation_parts(evaluation: Evaluation, user: User) -> list[Part]:
    """The evaluation's parts, each with its ratings (or the criteria to rate)."""
    ratings = list(evaluation.ratings.select_related("criterion"))
    criteria = list(EvaluationCriterion.objects.filter(standard=evaluation.standard))
    parts = []
    for area, label in Area.choices:
        if area == Area.RTI and not evaluation.needs_rti:
            continue
        at = evaluation.job_at if area == Area.JOB else evaluation.rti_at
        parts.append(
            Part(
                area=area,
                label=str(label),
                ratings=[r for r in ratings if r.criterion.area == area],
                comment=evaluation.job_comment if area == Area.JOB else evaluation.rti_comment,
                by=evaluation.job_by if area == Area.JOB else evaluation.rti_by,
                at=at,
                can_rate=at is None and _may_rate(evaluation, area, user),
                criteria=[c for c in criteria if c.area == area],
            )
        )
    return parts


def open_evaluations(*, user: User) -> list[Evaluation]:
    """The evaluations still to rate or acknowledge that the user can see, oldest due first."""
    return list(
        evaluations_visible_to(user)
        .filter(
            Q(job_at__isnull=True)
            | Q(rti_at__isnull=True, needs_rti=True)
            | Q(acknowledged_at__isnull=True)
        )
        .order_by("due_on", "pk")[:200]
    )


def acknowledged_evaluations(apprentice: Apprentice) -> list[dict]:
    """For the progress report: each acknowledged evaluation with its average by area."""
    found = []
    for evaluation in apprentice.evaluations.filter(acknowledged_at__isnull=False).order_by("week"):
        averages = dict(
            evaluation.ratings.values_list("criterion__area")
            .annotate(a=Avg("rating"))
            .values_list("criterion__area", "a")
        )
        found.append(
            {
                "evaluation": evaluation,
                "job": Decimal(averages.get(Area.JOB) or 0).quantize(Decimal("0.1")),
                "rti": Decimal(averages[Area.RTI]).quantize(Decimal("0.1"))
                if Area.RTI in averages
                else None,
            }
        )
    return found
