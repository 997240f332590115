"""Demo reminders: a few things due for every demo login, then one sweep, so each bell shows
something. The nudges are what a real week holds: candidates waiting for review, a scorecard
not written, an approval waiting, last class's attendance not taken, an exam next week."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from applicants.models import Application, DepartmentApproval, InfoSession, SessionBooking
from classroom.models import Attendance, ClassSession
from cohorts.models import Apprentice
from hiring.models import Interview, Release
from reminders import services
from reminders.models import Reminder
from support.models import SupportAction
from wages.models import ExamAttempt, WageStep


def seed(users: dict[str, User]) -> None:
    if Reminder.objects.exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    Release.objects.filter(status=Release.Status.RELEASED).update(
        released_at=now - timedelta(days=3)
    )
    interview = Interview.objects.filter(starts_at__lt=now - timedelta(days=1)).first()
    if interview:
        interview.panel.add(users["carol"])
    waiting = (
        Application.objects.filter(step=Application.Step.APPLIED, department_approval__isnull=True)
        .order_by("pk")
        .first()
    )
    if waiting:
        DepartmentApproval.objects.create(
            application=waiting,
            approver_email=users["gus"].email,
            created_at=now - timedelta(days=4),
        )
    last_class = (
        ClassSession.objects.counting()
        .filter(
            cohort__instructors=users["ivy"], date__lt=today, date__gte=today - timedelta(days=7)
        )
        .order_by("-date")
        .first()
    )
    if last_class:
        Attendance.objects.filter(session=last_class).delete()
    ed = Apprentice.objects.filter(person__user=users["ed"]).first()
    if ed:
        ExamAttempt.objects.filter(apprentice=ed, score__isnull=True).update(
            scheduled_on=today + timedelta(days=7)
        )
        SupportAction.objects.filter(apprentice=ed, done_on__isnull=True).update(
            follow_up_on=today - timedelta(days=1)
        )
    session = InfoSession.objects.create(
        location_name="Workforce Development Center",
        address="4411 N Newstead Ave, St. Louis, MO 63115",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=1),
    )
    SessionBooking.objects.create(
        session=session, name="Dana Diaz", email=users["dana"].email, language="en"
    )
    pending = WageStep.objects.filter(status=WageStep.Status.PENDING).order_by("pk")[:3]
    WageStep.objects.filter(pk__in=[s.pk for s in pending]).update(
        created_at=now - timedelta(days=6)
    )
    services.sweep(now=now)
