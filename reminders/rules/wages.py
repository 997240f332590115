"""Reminders of exams, wages and status: exams soon, raises to approve, probation
ending, changes to report to the agency, registration."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from cohorts.models import Apprentice, ApprenticeEvent
from reminders.rules.base import (
    Due,
    Rule,
    _to_staff,
)
from wages.models import ExamAttempt, WageStep

# --- exams, wages and status ------------------------------------------------------------------


class ExamSoon(Rule):
    code = "exam_soon"
    label = gettext_lazy("Certification exam in a week")
    audience = gettext_lazy("Apprentice")
    days = 7
    optional = True

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(
                scheduled_on=today + timedelta(days=days), apprentice__person__user__isnull=False
            )
            .values_list(
                "pk",
                "scheduled_on",
                "exam__name",
                "apprentice__person__user_id",
                "apprentice__person__user__email",
                "apprentice__person__user__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                period=day.isoformat(),
                url=reverse("wages:my_exam"),
                title=self.title(
                    language,
                    gettext_noop("Your %(exam)s is on %(day)s"),
                    exam=exam,
                    day=day,
                ),
            )
            for pk, day, exam, user_id, email, language in rows
        ]

    def open_now(self, now):
        return ExamAttempt.objects.filter(
            score__isnull=True, scheduled_on__gte=timezone.localdate(now)
        )


class WageStepPending(Rule):
    code = "wage_step_pending"
    label = gettext_lazy("Raise waiting for approval")
    audience = gettext_lazy("Program staff")
    days = 5

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(created_at__lte=now - timedelta(days=days))
            .select_related("apprentice__person")
        )
        return _to_staff(
            self,
            rows,
            gettext_noop("Raise of %(person)s waiting for approval since %(day)s"),
            lambda s: reverse("wages:approvals"),
            lambda s: {
                "person": s.apprentice.person,
                "day": timezone.localdate(s.created_at),
            },
        )

    def open_now(self, now):
        return WageStep.objects.filter(status=WageStep.Status.PENDING)


class ProbationEnding(Rule):
    code = "probation_ending"
    label = gettext_lazy("Probation ending")
    audience = gettext_lazy("Program staff")
    days = 7

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(probation_end__lte=today + timedelta(days=days))
            .select_related("person")
        )
        due = _to_staff(
            self,
            rows,
            gettext_noop("Probation of %(person)s ends on %(day)s"),
            lambda a: reverse("wages:apprentice", args=[a.pk]),
            lambda a: {"person": a.person, "day": a.probation_end},
        )
        ends = {a.pk: a.probation_end.isoformat() for a in rows}
        return [Due(**{**d.__dict__, "period": ends[d.object_id]}) for d in due]

    def open_now(self, now):
        return Apprentice.objects.filter(
            status=Apprentice.Status.PROBATION, probation_end__gte=timezone.localdate(now)
        )


class StatusChangeNotReported(Rule):
    code = "status_not_reported"
    label = gettext_lazy("Status change not reported to the registration agency")
    audience = gettext_lazy("Program staff")
    days = 30

    def _open(self):
        return ApprenticeEvent.objects.to_report()

    def find(self, *, now, today, days):
        rows = self._open().filter(effective_on__lte=today - timedelta(days=days))
        return _to_staff(
            self,
            rows.select_related("apprentice__person"),
            gettext_noop("Report %(person)s's change to %(status)s (%(day)s)"),
            lambda e: reverse("wages:apprentice", args=[e.apprentice_id]),
            lambda e: {
                "person": e.apprentice.person,
                "status": e.get_to_status_display(),
                "day": e.effective_on,
            },
        )

    def open_now(self, now):
        return self._open()


class NotRegistered(Rule):
    code = "not_registered"
    label = gettext_lazy("Apprentice not registered")
    audience = gettext_lazy("Program staff")
    days = 30

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(employment_start__lte=today - timedelta(days=days))
            .select_related("person")
        )
        return _to_staff(
            self,
            rows,
            gettext_noop("Register %(person)s in RAPIDS: started %(day)s"),
            lambda a: reverse("wages:apprentice", args=[a.pk]),
            lambda a: {"person": a.person, "day": a.employment_start},
        )

    def open_now(self, now):
        return Apprentice.objects.filter(status=Apprentice.Status.PENDING_REGISTRATION)
