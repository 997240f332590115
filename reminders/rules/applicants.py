"""Reminders of the applicants' floor: info sessions, applications, approvals,
tests, screening."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from applicants.models import Application, DepartmentApproval, SessionBooking, TestResult
from reminders.rules.base import (
    Due,
    Rule,
    _accounts,
    _to_staff,
)

# --- applicants --------------------------------------------------------------------------------


class InfoSessionTomorrow(Rule):
    code = "info_session_tomorrow"
    label = gettext_lazy("Information session tomorrow")
    audience = gettext_lazy("Applicant who booked it")
    days = 1
    optional = True
    secret_link = True

    def find(self, *, now, today, days):
        bookings = list(
            SessionBooking.objects.filter(
                status=SessionBooking.Status.BOOKED,
                session__starts_at__date=today + timedelta(days=days),
            ).select_related("session")
        )
        accounts = _accounts([b.email for b in bookings])
        return [
            Due(
                object_id=b.pk,
                email=b.email,
                user_id=accounts.get(b.email.lower()),
                language=b.language,
                period=timezone.localdate(b.session.starts_at).isoformat(),
                title=self.title(
                    b.language,
                    gettext_noop("Your information session is tomorrow at %(place)s"),
                    place=b.session.location_name,
                ),
            )
            for b in bookings
        ]

    def open_now(self, now):
        return SessionBooking.objects.filter(
            status=SessionBooking.Status.BOOKED, session__starts_at__gt=now
        )

    def email_link(self, object_id):
        token = SessionBooking.objects.values_list("token", flat=True).get(pk=object_id)
        return settings.SITE_URL + reverse("applicants:booking_cancel", args=[token])


class ApplicationNotSubmitted(Rule):
    code = "application_not_submitted"
    label = gettext_lazy("Application started, not submitted")
    audience = gettext_lazy("Applicant")
    days = 3
    optional = True
    secret_link = True

    def _drafts(self, now):
        return Application.objects.filter(
            step=Application.Step.INTEREST,
            submitted_at__isnull=True,
            step_changed_at__gte=now - timedelta(days=settings.PRIVATE_LINK_DAYS),
        )

    def find(self, *, now, today, days):
        drafts = self._drafts(now).filter(created_at__lte=now - timedelta(days=days))
        return [
            Due(
                object_id=a.pk,
                email=a.person.email,
                user_id=a.person.user_id,
                language=a.person.preferred_language,
                title=self.title(
                    a.person.preferred_language,
                    gettext_noop("Finish your application to the %(track)s apprenticeship"),
                    track=a.track.name,
                ),
            )
            for a in drafts.select_related("person", "track")
        ]

    def open_now(self, now):
        return self._drafts(now)

    def email_link(self, object_id):
        token = Application.objects.values_list("token", flat=True).get(pk=object_id)
        return settings.SITE_URL + reverse("applicants:private", args=[token])


class ApprovalPending(Rule):
    code = "approval_pending"
    label = gettext_lazy("Department approval pending")
    audience = gettext_lazy("Department approver")
    days = 3
    escalate_days = 7
    secret_link = True

    def _open(self, now):
        from applicants.models import EXIT_STEPS

        return DepartmentApproval.objects.filter(
            approved__isnull=True,
            created_at__gte=now - timedelta(days=settings.APPROVAL_LINK_DAYS),
        ).exclude(application__step__in=[*EXIT_STEPS, Application.Step.ENROLLED])

    def find(self, *, now, today, days):
        rows = list(
            self._open(now)
            .filter(created_at__lte=now - timedelta(days=days))
            .select_related("application__person")
        )
        # Approvers who hold an account see it under Notifications too, in their language.
        users = {
            u.email.lower(): u
            for u in User.objects.filter(is_active=True, email__in=[a.approver_email for a in rows])
        }
        return [
            Due(
                object_id=a.pk,
                email=a.approver_email,
                user_id=users[a.approver_email.lower()].pk
                if a.approver_email.lower() in users
                else None,
                language=users[a.approver_email.lower()].preferred_language
                if a.approver_email.lower() in users
                else "en",
                title=self.title(
                    users[a.approver_email.lower()].preferred_language
                    if a.approver_email.lower() in users
                    else "en",
                    gettext_noop("%(person)s's application is waiting for your approval"),
                    person=a.application.person,
                ),
            )
            for a in rows
        ]

    def open_now(self, now):
        return self._open(now)

    def email_link(self, object_id):
        token = DepartmentApproval.objects.values_list("token", flat=True).get(pk=object_id)
        return settings.SITE_URL + reverse("applicants:approval", args=[token])


class TestResultsMissing(Rule):
    """The testing day is not stored as a date (the invitation carries it as text), so it is
    the day of the first result recorded: the day after it, an applicant still missing the
    entrance exam or the typing result is listed for staff."""

    code = "test_results_missing"
    label = gettext_lazy("Test results missing after the testing day")
    audience = gettext_lazy("Program staff")
    days = 1

    def _incomplete(self):
        both = [TestResult.Kind.ENTRANCE_EXAM, TestResult.Kind.TYPING_WPM]
        return Application.objects.filter(step=Application.Step.TESTING).exclude(
            Exists(TestResult.objects.filter(application=OuterRef("pk"), kind=both[0]))
            & Exists(TestResult.objects.filter(application=OuterRef("pk"), kind=both[1]))
        )

    def find(self, *, now, today, days):
        rows = (
            self._incomplete()
            .filter(tests__tested_on__lte=today - timedelta(days=days))
            .distinct()
            .select_related("person")
        )
        return _to_staff(
            self,
            rows,
            gettext_noop("Test results of %(person)s incomplete since the testing day"),
            lambda a: reverse("applicants:application_detail", args=[a.pk]),
            lambda a: {"person": a.person},
        )

    def open_now(self, now):
        return self._incomplete()


class ScreeningPending(Rule):
    code = "screening_pending"
    label = gettext_lazy("Background and drug screen pending")
    audience = gettext_lazy("Program staff")
    days = 7

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(step_changed_at__lte=now - timedelta(days=days))
            .select_related("person")
        )
        return _to_staff(
            self,
            rows,
            gettext_noop("Screening of %(person)s pending since %(day)s"),
            lambda a: reverse("applicants:application_detail", args=[a.pk]),
            lambda a: {
                "person": a.person,
                "day": timezone.localdate(a.step_changed_at),
            },
        )

    def open_now(self, now):
        return Application.objects.filter(step=Application.Step.SCREENING)
