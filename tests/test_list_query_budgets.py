"""Query budgets of the list pages added with wages, reminders and reports, at 1 and 50 rows:
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


PAGES = {
    "wages:registrations": (registrations, 14),
    "wages:graduates": (graduates, 8),
    "wages:cohort_exam": (cohort_exam, 17),
    "reminders:inbox": (inbox, 10),
    "reminders:activity": (activity, 45),
    "reports:list": (report_list, 8),
}


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_list_pages_stay_within_their_query_budget(
    client, cohort, alice, ivy, name, rows, django_assert_max_num_queries
):
    build, budget = PAGES[name]
    user, url = build(cohort, rows, {"alice": alice, "ivy": ivy})
    client.force_login(user)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
