"""The catalogue of reminders. Each rule says who it goes to, finds what is due with a
constant number of queries (never one per person), and answers "is it still due?" for many
objects at once, so a thing done between the sweep and the send sends nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from accounts.roles import STAFF_ROLES
from applicants.models import Application, DepartmentApproval, SessionBooking, TestResult
from classroom.models import Attendance, ClassSession
from clinic.models import Evaluation, Placement, Timesheet
from cohorts.models import Apprentice, ApprenticeEvent, Cohort
from hiring.models import Interview, OnboardingItem, Release, Requisition, Scorecard
from support.models import SupportAction, SupportAssignment, in_force
from wages.agreements import amendment_events
from wages.models import Agreement, ExamAttempt, WageStep


@dataclass(frozen=True)
class Due:
    object_id: int
    email: str
    title: str
    url: str = ""
    user_id: int | None = None
    language: str = "en"
    period: str = ""


@dataclass(frozen=True)
class Person:
    user_id: int | None
    email: str
    language: str


class Rule:
    code = ""
    label = ""  # each rule names itself (translated) and whom it goes to
    audience = ""
    days = 0
    escalate_days: int | None = None
    optional = False  # people may unsubscribe from its emails
    secret_link = False  # the email's link is private (a token): built at send time only

    def find(self, *, now: datetime, today: date, days: int) -> list[Due]:
        raise NotImplementedError

    def open_now(self, now: datetime) -> QuerySet:
        """What is still due, as a queryset of the objects this rule reminds about."""
        raise NotImplementedError

    def still_due(self, object_ids: Iterable[int], *, now: datetime) -> set[int]:
        """Of these objects, the ones still due: one query whatever their number."""
        return set(self.open_now(now).filter(pk__in=list(object_ids)).values_list("pk", flat=True))

    def email_link(self, object_id: int) -> str:
        return ""

    def title(self, language: str, text: str, **values) -> str:
        """The reminder's line in the recipient's language, dates written the way it writes
        them ("Nov 20", "20 nov")."""
        with translation.override(language):
            shown = {
                k: date_format(v, "MONTH_DAY_FORMAT") if isinstance(v, date) else v
                for k, v in values.items()
            }
            return _(text) % shown


def _staff() -> list[Person]:
    return [
        Person(pk, email, language)
        for pk, email, language in User.objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
        .distinct()
        .values_list("pk", "email", "preferred_language")
    ]


def _accounts(emails: list[str]) -> dict[str, int]:
    """Signed-in people behind email addresses (they also see it under Notifications)."""
    return {
        email.lower(): pk
        for pk, email in User.objects.filter(is_active=True, email__in=emails).values_list(
            "pk", "email"
        )
    }


def _to_staff(rule: Rule, rows: Iterable, text: str, url_of, values_of) -> list[Due]:
    staff = _staff()
    return [
        Due(
            object_id=row.pk,
            email=person.email,
            user_id=person.user_id,
            language=person.language,
            title=rule.title(person.language, text, **values_of(row)),
            url=url_of(row),
        )
        for row in rows
        for person in staff
    ]


def _to_the_apprentice(rule: Rule, rows: QuerySet, field: str, url_of, text_of, values_of):
    """A reminder to the apprentice the object belongs to (signed in here), one per object:
    `field` is read with each row and passed to the url, text and values callables."""
    found = rows.filter(apprentice__person__user__is_active=True).values_list(
        "pk",
        field,
        "apprentice__person__user_id",
        "apprentice__person__user__email",
        "apprentice__person__user__preferred_language",
    )
    return [
        Due(
            object_id=pk,
            email=email,
            user_id=user_id,
            language=language,
            url=url_of(pk, value),
            title=rule.title(language, text_of(value), **values_of(value)),
        )
        for pk, value, user_id, email, language in found
    ]


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


# --- hiring ------------------------------------------------------------------------------------


class ReleaseNotReviewed(Rule):
    code = "release_not_reviewed"
    label = gettext_lazy("Released candidates not reviewed")
    audience = gettext_lazy("Hiring manager")
    days = 2
    escalate_days = 5

    def _open(self):
        return Release.objects.filter(
            status=Release.Status.RELEASED, requisition__status=Requisition.Status.OPEN
        )

    def find(self, *, now, today, days):
        rows = (
            self._open()
            .filter(
                released_at__lte=now - timedelta(days=days),
                requisition__department__hiring_managers__is_active=True,
            )
            .values_list(
                "pk",
                "application__person__first_name",
                "application__person__last_name",
                "requisition__department__hiring_managers__id",
                "requisition__department__hiring_managers__email",
                "requisition__department__hiring_managers__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("hiring:candidate", args=[pk]),
                title=self.title(
                    language,
                    gettext_noop("Review %(person)s, released to you"),
                    person=f"{first} {last}",
                ),
            )
            for pk, first, last, user_id, email, language in rows
        ]

    def open_now(self, now):
        return self._open()


class ScorecardMissing(Rule):
    code = "scorecard_missing"
    label = gettext_lazy("Interview scorecard missing")
    audience = gettext_lazy("Interview panel member")
    days = 1
    escalate_days = 3

    def _missing(self):
        return Interview.panel.through.objects.exclude(
            Exists(
                Scorecard.objects.filter(interview=OuterRef("interview"), panelist=OuterRef("user"))
            )
        )

    def find(self, *, now, today, days):
        rows = self._missing().filter(
            interview__starts_at__lte=now - timedelta(days=days), user__is_active=True
        )
        return [
            Due(
                object_id=row.pk,  # the panel seat: one reminder per member, cleared by theirs
                email=row.user.email,
                user_id=row.user_id,
                language=row.user.preferred_language,
                url=reverse("hiring:scorecard", args=[row.interview_id]),
                title=self.title(
                    row.user.preferred_language,
                    gettext_noop("Your scorecard for %(person)s's interview"),
                    person=row.interview.release.application.person,
                ),
            )
            for row in rows.select_related("user", "interview__release__application__person")
        ]

    def open_now(self, now):
        return self._missing()


class OnboardingOverdue(Rule):
    code = "onboarding_overdue"
    label = gettext_lazy("Onboarding item overdue")
    audience = gettext_lazy("Hiring manager of the department")
    days = 0
    escalate_days = 3

    def _open(self):
        return OnboardingItem.objects.filter(
            done_at__isnull=True, release__status=Release.Status.ACCEPTED
        )

    def find(self, *, now, today, days):
        rows = (
            self._open()
            .filter(
                due_on__lt=today - timedelta(days=days),
                release__requisition__department__hiring_managers__is_active=True,
            )
            .values_list(
                "pk",
                "title",
                "owner",
                "release_id",
                "release__application__person__first_name",
                "release__application__person__last_name",
                "release__requisition__department__hiring_managers__id",
                "release__requisition__department__hiring_managers__email",
                "release__requisition__department__hiring_managers__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("hiring:candidate", args=[release_id]),
                title=self.title(
                    language,
                    gettext_noop("Overdue for %(person)s: %(item)s (%(owner)s)"),
                    person=f"{first} {last}",
                    item=title,
                    owner=owner,
                ),
            )
            for pk, title, owner, release_id, first, last, user_id, email, language in rows
        ]

    def open_now(self, now):
        return self._open()


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


class SupportFollowUp(Rule):
    code = "support_follow_up"
    label = gettext_lazy("Support follow-up due")
    audience = gettext_lazy("The apprentice's coach")
    days = 0
    escalate_days = 7

    def find(self, *, now, today, days):
        due = SupportAction.objects.filter(
            done_on__isnull=True, follow_up_on__lte=today - timedelta(days=days)
        )
        # An action of a confidential check-in follows the note's own visibility: it reminds
        # its author only, and says nothing of what it is (an escalation carries the title to
        # program staff, who cannot read the note).
        confidential = due.filter(
            check_in__confidential=True, check_in__author__is_active=True
        ).values_list(
            "pk",
            "apprentice_id",
            "apprentice__person__first_name",
            "apprentice__person__last_name",
            "check_in__author_id",
            "check_in__author__email",
            "check_in__author__preferred_language",
        )
        private = [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("support:apprentice", args=[apprentice_id]),
                title=self.title(
                    language,
                    gettext_noop("Follow up with %(person)s: an action of your confidential note"),
                    person=f"{first} {last}",
                ),
            )
            for pk, apprentice_id, first, last, user_id, email, language in confidential
        ]
        rows = (
            due.filter(
                in_force(today, "apprentice__supporters__"),
                check_in__confidential=False,
                apprentice__supporters__kind=SupportAssignment.Kind.COACH,
                apprentice__supporters__person__is_active=True,
            )
            .values_list(
                "pk",
                "description",
                "apprentice_id",
                "apprentice__person__first_name",
                "apprentice__person__last_name",
                "apprentice__supporters__person_id",
                "apprentice__supporters__person__email",
                "apprentice__supporters__person__preferred_language",
            )
            .distinct()
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("support:apprentice", args=[apprentice_id]),
                title=self.title(
                    language,
                    gettext_noop("Follow up with %(person)s: %(action)s"),
                    person=f"{first} {last}",
                    action=description,
                ),
            )
            for pk, description, apprentice_id, first, last, user_id, email, language in rows
        ] + private

    def open_now(self, now):
        return SupportAction.objects.filter(done_on__isnull=True)


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


class AgreementNotSigned(Rule):
    """29 CFR 29.7: registration waits for the agreement the apprentice signs (on their
    phone, signed in); an amendment too."""

    code = "agreement_not_signed"
    label = gettext_lazy("Apprenticeship agreement waiting for the apprentice's signature")
    audience = gettext_lazy("The apprentice")
    days = 2
    escalate_days = 5

    def open_now(self, now):
        return Agreement.objects.filter(
            apprentice_signed_at__isnull=True,
            apprentice__status__in=[
                Apprentice.Status.PENDING_REGISTRATION,
                Apprentice.Status.PROBATION,
                Apprentice.Status.ACTIVE,
                Apprentice.Status.SUSPENDED,
            ],
        )

    def find(self, *, now, today, days):
        rows = self.open_now(now).filter(created_at__date__lte=today - timedelta(days=days))
        return _to_the_apprentice(
            self,
            rows,
            "kind",
            lambda pk, kind: reverse("wages:my_agreement"),
            lambda kind: (
                gettext_noop("Sign your apprenticeship agreement")
                if kind == Agreement.Kind.ORIGINAL
                else gettext_noop("Sign the amendment of your apprenticeship agreement")
            ),
            lambda kind: {},
        )


class AgreementNotCountersigned(Rule):
    code = "agreement_not_countersigned"
    label = gettext_lazy("Apprenticeship agreement waiting for the sponsor's countersignature")
    audience = gettext_lazy("The sponsor's signatory")
    days = 1
    escalate_days = 3

    def open_now(self, now):
        return Agreement.objects.filter(
            apprentice_signed_at__isnull=False, sponsor_signed_at__isnull=True
        )

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(
                apprentice_signed_at__date__lte=today - timedelta(days=days),
                apprentice__cohort__track__program__agreement_signatory__is_active=True,
            )
            .values_list(
                "pk",
                "apprentice_id",
                "apprentice__person__first_name",
                "apprentice__person__last_name",
                "apprentice__cohort__track__program__agreement_signatory_id",
                "apprentice__cohort__track__program__agreement_signatory__email",
                "apprentice__cohort__track__program__agreement_signatory__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("wages:apprentice", args=[apprentice_id]) + "#agreement",
                title=self.title(
                    language,
                    gettext_noop("Countersign the agreement %(person)s signed"),
                    person=f"{first} {last}",
                ),
            )
            for pk, apprentice_id, first, last, user_id, email, language in rows
        ]


class AmendmentDue(Rule):
    code = "amendment_due"
    label = gettext_lazy("Amendment of an apprenticeship agreement due")
    audience = gettext_lazy("Program staff")
    days = 3

    def open_now(self, now):
        return amendment_events()

    def find(self, *, now, today, days):
        rows = self.open_now(now).filter(at__date__lte=today - timedelta(days=days))
        return _to_staff(
            self,
            rows.select_related("apprentice__person"),
            gettext_noop("Prepare the amendment of %(person)s's agreement (%(day)s)"),
            lambda e: reverse("wages:apprentice", args=[e.apprentice_id]) + "#agreement",
            lambda e: {"person": e.apprentice.person, "day": e.effective_on},
        )


CATALOGUE: list[Rule] = [
    InfoSessionTomorrow(),
    ApplicationNotSubmitted(),
    ApprovalPending(),
    TestResultsMissing(),
    ScreeningPending(),
    ReleaseNotReviewed(),
    ScorecardMissing(),
    OnboardingOverdue(),
    ClassTomorrow(),
    AttendanceNotTaken(),
    TimesheetNotSubmitted(),
    TimesheetAwaitingApproval(),
    SupportFollowUp(),
    ExamSoon(),
    WageStepPending(),
    ProbationEnding(),
    StatusChangeNotReported(),
    NotRegistered(),
    AgreementNotSigned(),
    AgreementNotCountersigned(),
    AmendmentDue(),
    EvaluationNotRated(),
    EvaluationToAcknowledge(),
]
RULES: dict[str, Rule] = {rule.code: rule for rule in CATALOGUE}
STAFF_RULES = {
    "test_results_missing",
    "screening_pending",
    "wage_step_pending",
    "probation_ending",
    "status_not_reported",
    "not_registered",
    "amendment_due",
}
