"""Reminders of the clinic: timesheets not submitted or waiting for approval."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from clinic.models import Placement, Timesheet
from cohorts.models import Apprentice
from reminders.rules.base import (
    Due,
    Rule,
)

# --- clinic ------------------------------------------------------------------------------------


def _last_week(today: date) -> date:
    return today - timedelta(days=today.weekday() + 7)


class TimesheetNotSubmitted(Rule):
    code = "timesheet_not_submitted"
    label = gettext_lazy("Last week's timesheet not submitted by Monday noon")
    audience = gettext_lazy("Apprentice")
    days = 0
    escalate_days = 3
    optional = True

    def _missing(self, monday):
        return (
            Apprentice.objects.current()
            .exclude(status=Apprentice.Status.COMPLETED)
            .filter(employment_start__lte=monday + timedelta(days=6))
            .exclude(
                Exists(
                    Timesheet.objects.filter(
                        apprentice=OuterRef("pk"),
                        week_start=monday,
                        status__in=[Timesheet.Status.SUBMITTED, Timesheet.Status.APPROVED],
                    )
                )
            )
        )

    def find(self, *, now, today, days):
        local = timezone.localtime(now)
        if local.weekday() == 0 and local.time() < time(12, 0):
            return []
        monday = _last_week(today)
        rows = (
            self._missing(monday)
            .filter(person__user__isnull=False)
            .values_list(
                "pk", "person__user_id", "person__user__email", "person__user__preferred_language"
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                period=monday.isoformat(),
                url=reverse("clinic:my_week", args=[monday.isoformat()]),
                title=self.title(
                    language,
                    gettext_noop("Submit your clinic hours of the week of %(day)s"),
                    day=monday,
                ),
            )
            for pk, user_id, email, language in rows
        ]

    def open_now(self, now):
        return self._missing(_last_week(timezone.localdate(now)))


class TimesheetAwaitingApproval(Rule):
    code = "timesheet_awaiting_approval"
    label = gettext_lazy("Timesheet awaiting approval")
    audience = gettext_lazy("Preceptor")
    days = 2
    escalate_days = 5

    def find(self, *, now, today, days):
        sheets = {
            t.pk: t
            for t in Timesheet.objects.filter(
                status=Timesheet.Status.SUBMITTED, submitted_at__lte=now - timedelta(days=days)
            ).select_related("apprentice__person")
        }
        placements = Placement.objects.filter(apprentice__timesheets__in=list(sheets)).values_list(
            "apprentice__timesheets__id",
            "starts_on",
            "ends_on",
            "preceptor_id",
            "department__preceptors__id",
        )
        preceptors: dict[int, set[int]] = {}
        for sheet_id, starts, ends, preceptor, dept_preceptor in placements:
            week = sheets[sheet_id].week_start
            if starts <= week + timedelta(days=6) and (ends is None or ends >= week):
                preceptors.setdefault(sheet_id, set()).update(
                    p for p in (preceptor, dept_preceptor) if p
                )
        users = {
            u.pk: u
            for u in User.objects.filter(
                pk__in={p for ps in preceptors.values() for p in ps}, is_active=True
            )
        }
        due = []
        for sheet_id, ids in preceptors.items():
            sheet = sheets[sheet_id]
            for user_id in ids:
                user = users.get(user_id)
                if user is None or user.pk == sheet.apprentice.person.user_id:
                    continue
                due.append(
                    Due(
                        object_id=sheet_id,
                        email=user.email,
                        user_id=user.pk,
                        language=user.preferred_language,
                        url=reverse("clinic:timesheet", args=[sheet_id]),
                        title=self.title(
                            user.preferred_language,
                            gettext_noop("Approve %(person)s's hours of the week of %(day)s"),
                            person=sheet.apprentice.person,
                            day=sheet.week_start,
                        ),
                    )
                )
        return due

    def open_now(self, now):
        return Timesheet.objects.filter(status=Timesheet.Status.SUBMITTED)
