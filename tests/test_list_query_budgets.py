"""Query budgets of list pages (wages, reminders, reports, the attendance sheet, info sessions,
equal opportunity) at 1 and 50 rows:
the same bound whatever the number of rows, so a page that starts querying per row fails."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Apprentice, ApprenticeEvent
from reminders.models import Reminder
from reports.models import Report
from tests.cohorts.factories import ApprenticeFactory
from wages.models import CertificationExam, CompletionCertificate, ExamAttempt


def _apprentices(cohort, n, **kw):
    return ApprenticeFactory.create_batch(n, cohort=cohort, **kw)


def registrations(cohort, n, users):
    for a in _apprentices(cohort, n, status=Apprentice.Status.PENDING_REGISTRATION):
        ApprenticeEvent.objects.create(
            apprentice=a,
            from_status="probation",
            to_status="suspended",
            notice="suspension",
            effective_on=timezone.localdate() - timedelta(days=50),
        )
    return users["alice"], reverse("wages:registrations")


def graduates(cohort, n, users):
    for a in _apprentices(cohort, n, status=Apprentice.Status.COMPLETED):
        CompletionCertificate.objects.create(
            apprentice=a,
            number=f"C-{a.pk}",
            completed_on=timezone.localdate() - timedelta(days=200),
            file=SimpleUploadedFile("c.pdf", b"%PDF-1.4"),
        )
    return users["alice"], reverse("wages:graduates")


def cohort_exam(cohort, n, users):
    exam = CertificationExam.objects.create(
        track=cohort.track, name="CCMA", pass_mark=70, max_score=100
    )
    for a in _apprentices(cohort, n):
        ExamAttempt.objects.create(apprentice=a, exam=exam, scheduled_on=timezone.localdate())
    return users["alice"], reverse("wages:cohort_exam", args=[cohort.pk])


def inbox(cohort, n, users):
    ivy = users["ivy"]
    Reminder.objects.bulk_create(
        Reminder(
            key=f"support_follow_up:u{ivy.pk}:{i}:",
            rule="support_follow_up",
            object_id=10_000_000 + i,
            user=ivy,
            email=ivy.email,
            title=f"Follow up {i}",
            url="/support/",
        )
        for i in range(n)
    )
    return ivy, reverse("reminders:inbox")


def activity(cohort, n, users):
    alice = users["alice"]
    now = timezone.now()
    Reminder.objects.bulk_create(
        Reminder(
            key=f"class_tomorrow:x{i}@example.org:{i}:",
            rule="class_tomorrow",
            object_id=i,
            email=f"x{i}@example.org",
            title=f"Class {i}",
            emailed="sent",
            emailed_at=now,
        )
        for i in range(n)
    )
    return alice, reverse("reminders:activity")


def report_list(cohort, n, users):
    alice = users["alice"]
    Report.objects.bulk_create(
        Report(kind="progress", params={}, params_key=f"k{i}", title=f"R{i}", requested_by=alice)
        for i in range(n)
    )
    return alice, reverse("reports:list")


def attendance_sheet(cohort, n, users):
    _apprentices(cohort, n)
    session = cohort.sessions.filter(date__lte=timezone.localdate()).order_by("date").first()
    return users["ivy"], reverse("classroom:session_attendance", args=[session.pk])


def info_sessions(cohort, n, users):
    from applicants.models import InfoSession, SessionBooking

    start = timezone.now() + timedelta(days=3)
    for i in range(n):
        session = InfoSession.objects.create(
            location_name="Library",
            address="1 Main St",
            starts_at=start + timedelta(days=i),
            ends_at=start + timedelta(days=i, hours=1),
            capacity=20,
        )
        SessionBooking.objects.create(session=session, name="Rosa", email=f"r{i}@example.net")
    return users["alice"], reverse("applicants:session_manage")


def session_roster(cohort, n, users):
    from applicants.models import InfoSession, SessionBooking

    start = timezone.now() + timedelta(days=3)
    session = InfoSession.objects.create(
        location_name="Library",
        address="1 Main St",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=60,
    )
    for i in range(n):
        SessionBooking.objects.create(session=session, name=f"P{i}", email=f"p{i}@example.net")
    return users["alice"], reverse("applicants:session_roster", args=[session.pk])


def equal_opportunity(cohort, n, users):
    from applicants.models import SelfIdentification
    from tests.applicants.factories import SubmittedApplicationFactory

    for i in range(n):
        application = SubmittedApplicationFactory(
            track=cohort.track, intake_month=timezone.localdate().replace(day=1)
        )
        SelfIdentification.objects.create(application=application, sex="female", races=["white"])
    today = timezone.localdate()
    query = f"?track={cohort.track_id}&start={today.replace(month=1, day=1)}&end={today}"
    return users["grace"], reverse("reports:equal_opportunity") + query


PAGES = {
    "classroom:session_attendance": (attendance_sheet, 8),
    "applicants:session_manage": (info_sessions, 8),
    "applicants:session_roster": (session_roster, 9),
    "reports:equal_opportunity": (equal_opportunity, 26),  # every step, the 7% and outreach too
    "wages:registrations": (registrations, 14),
    "wages:graduates": (graduates, 9),  # the page count
    "wages:cohort_exam": (cohort_exam, 17),
    "reminders:inbox": (inbox, 10),
    "reminders:activity": (activity, 45),
    "reports:list": (report_list, 8),
}


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_list_pages_stay_within_their_query_budget(
    client, cohort, alice, ivy, grace, name, rows, django_assert_max_num_queries
):
    build, budget = PAGES[name]
    user, url = build(cohort, rows, {"alice": alice, "ivy": ivy, "grace": grace})
    client.force_login(user)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
