"""Reminders of the periodic evaluations (29 CFR 29.5(b)(6)): to rate, to
acknowledge."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from clinic.models import Evaluation
from cohorts.models import Apprentice, Cohort
from reminders.rules.base import (
    Due,
    Rule,
    _to_the_apprentice,
)


class EvaluationNotRated(Rule):
    """29 CFR 29.5(b)(6): a periodic evaluation due with a part not rated."""

    code = "evaluation_not_rated"
    label = gettext_lazy("Periodic evaluation to rate")
    audience = gettext_lazy("The apprentice's preceptor and the cohort's instructors")
    days = 0
    escalate_days = 7

    def open_now(self, now):
        return Evaluation.objects.filter(
            Q(job_at__isnull=True) | Q(needs_rti=True, rti_at__isnull=True),
            apprentice__status__in=[Apprentice.Status.PROBATION, Apprentice.Status.ACTIVE],
        )

    def find(self, *, now, today, days):
        rows = list(
            self.open_now(now)
            .filter(due_on__lte=today - timedelta(days=days))
            .select_related("apprentice__person", "apprentice__preceptor", "apprentice__cohort")
        )
        teachers: dict[int, list[User]] = {}
        for link in Cohort.instructors.through.objects.filter(
            cohort_id__in={e.apprentice.cohort_id for e in rows}, user__is_active=True
        ).select_related("user"):
            teachers.setdefault(link.cohort_id, []).append(link.user)
        due = []
        for evaluation in rows:
            people = []
            preceptor = evaluation.apprentice.preceptor
            if evaluation.job_at is None and preceptor is not None and preceptor.is_active:
                people.append(preceptor)
            if evaluation.needs_rti and evaluation.rti_at is None:
                people += teachers.get(evaluation.apprentice.cohort_id, [])
            for user in people:
                due.append(
                    Due(
                        object_id=evaluation.pk,
                        email=user.email,
                        user_id=user.pk,
                        language=user.preferred_language,
                        url=reverse("clinic:evaluation", args=[evaluation.pk]),
                        title=self.title(
                            user.preferred_language,
                            gettext_noop("Evaluate %(person)s (week %(week)s, due %(day)s)"),
                            person=evaluation.apprentice.person,
                            week=evaluation.week,
                            day=evaluation.due_on,
                        ),
                    )
                )
        return due


class EvaluationToAcknowledge(Rule):
    code = "evaluation_to_acknowledge"
    label = gettext_lazy("Periodic evaluation to read and acknowledge")
    audience = gettext_lazy("The apprentice")
    days = 2

    def open_now(self, now):
        return Evaluation.objects.filter(
            Q(needs_rti=False) | Q(rti_at__isnull=False),
            job_at__isnull=False,
            acknowledged_at__isnull=True,
        )

    def find(self, *, now, today, days):
        rows = self.open_now(now).filter(job_at__date__lte=today - timedelta(days=days))
        return _to_the_apprentice(
            self,
            rows,
            "week",
            lambda pk, week: reverse("clinic:evaluation", args=[pk]),
            lambda week: gettext_noop("Read and acknowledge your week %(week)s evaluation"),
            lambda week: {"week": week},
        )
