"""Reminders of the classroom: tomorrow's class, attendance not taken."""

from __future__ import annotations

from datetime import time, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy, gettext_noop

from classroom.models import Attendance, ClassSession
from cohorts.models import Apprentice, Cohort
from reminders.rules.base import (
    Due,
    Rule,
)

# --- classroom ---------------------------------------------------------------------------------


class ClassTomorrow(Rule):
    code = "class_tomorrow"
    label = gettext_lazy("Class tomorrow")
    audience = gettext_lazy("Apprentices and instructors of the cohort")
    days = 1
    optional = True

    def find(self, *, now, today, days):
        sessions = {
            s.pk: s
            for s in ClassSession.objects.counting()
            .filter(date=today + timedelta(days=days))
            .select_related("module")
        }
        cohort_sessions: dict[int, list[ClassSession]] = {}
        for session in sessions.values():
            cohort_sessions.setdefault(session.cohort_id, []).append(session)
        due = []
        people = (
            Apprentice.objects.current()
            .filter(cohort_id__in=list(cohort_sessions), person__user__isnull=False)
            .values_list(
                "cohort_id",
                "person__user_id",
                "person__user__email",
                "person__user__preferred_language",
            )
        )
        for cohort_id, user_id, email, language in people:
            for s in cohort_sessions[cohort_id]:
                due.append(self._due(s, user_id, email, language, reverse("classroom:my_classes")))
        instructors = Cohort.instructors.through.objects.filter(
            cohort_id__in=list(cohort_sessions), user__is_active=True
        ).values_list("cohort_id", "user_id", "user__email", "user__preferred_language")
        for cohort_id, user_id, email, language in instructors:
            for s in cohort_sessions[cohort_id]:
                url = reverse("classroom:session_attendance", args=[s.pk])
                due.append(self._due(s, user_id, email, language, url))
        return due

    def _due(self, session, user_id, email, language, url):
        return Due(
            object_id=session.pk,
            email=email,
            user_id=user_id,
            language=language,
            url=url,
            period=session.date.isoformat(),
            title=self.title(
                language,
                gettext_noop("Class tomorrow at %(time)s: %(topic)s"),
                time=time_format(session.start_time, "TIME_FORMAT"),
                topic=session.module.title if session.module_id else session.get_kind_display(),
            ),
        )

    def open_now(self, now):
        return ClassSession.objects.counting().filter(date__gt=timezone.localdate(now))


class AttendanceNotTaken(Rule):
    code = "attendance_not_taken"
    label = gettext_lazy("Attendance not taken")
    audience = gettext_lazy("Instructors of the cohort")
    days = 0
    escalate_days = 2
    END_OF_CLASS_DAY = time(17, 0)

    def _untaken(self):
        return ClassSession.objects.counting().exclude(
            Exists(
                Attendance.objects.filter(session=OuterRef("pk")).exclude(
                    status=Attendance.Status.CHECKED_IN
                )
            )
        )

    def find(self, *, now, today, days):
        last_day = today - timedelta(days=days)
        if timezone.localtime(now).time() < self.END_OF_CLASS_DAY:
            last_day -= timedelta(days=1)
        sessions = self._untaken().filter(date__lte=last_day, date__gte=today - timedelta(days=14))
        rows = Cohort.instructors.through.objects.filter(
            cohort__sessions__in=sessions, user__is_active=True
        ).values_list(
            "cohort__sessions__id",
            "cohort__sessions__date",
            "user_id",
            "user__email",
            "user__preferred_language",
            "cohort__sessions__module__title",
        )
        return [
            Due(
                object_id=session_id,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("classroom:session_attendance", args=[session_id]),
                title=self.title(
                    language,
                    gettext_noop("Take attendance: %(topic)s, %(day)s"),
                    topic=topic or "",
                    day=day,
                ),
            )
            for session_id, day, user_id, email, language, topic in rows
        ]

    def open_now(self, now):
        return self._untaken()
