"""Cohorts at the size of a large health system: 5,000 apprentices with a year of classes."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from applicants.models import Application, Person
from benchmarks.organisation import bench_track
from classroom.models import Attendance, ClassSession
from cohorts.models import Apprentice, Cohort
from cohorts.services import cohorts_plan_year

APPRENTICES_PER_COHORT = 200


def seed(scale: float) -> None:
    track = bench_track()
    if not Cohort.objects.filter(track=track).exists():
        cohorts_plan_year(
            track=track,
            first_month=timezone.localdate().replace(day=1) - timedelta(days=300),
            capacity=APPRENTICES_PER_COHORT * 2,
            classroom_location="Bench",
            class_weekday=2,
            class_start_time=time(8, 0),
            months=24,
        )
    staff, _ = User.objects.get_or_create(
        email="bench-admin@bench.example", defaults={"full_name": "Bench Admin"}
    )
    staff.groups.add(Group.objects.get(name=Role.PROGRAM_ADMIN))
    today = timezone.localdate()
    for cohort in Cohort.objects.filter(track=track, start_date__lte=today):
        want = max(1, int(APPRENTICES_PER_COHORT * scale))
        have = cohort.apprentices.count()
        if have >= want:
            continue
        people = Person.objects.bulk_create(
            [
                Person(
                    first_name="Bench",
                    last_name=f"Apprentice {cohort.pk}-{i}",
                    email=f"a{cohort.pk}-{i}@bench.example",
                )
                for i in range(have, want)
            ]
        )
        applications = Application.objects.bulk_create(
            [
                Application(
                    person=p,
                    track=track,
                    intake_month=cohort.start_date.replace(day=1),
                    step=Application.Step.ENROLLED,
                )
                for p in people
            ]
        )
        apprentices = Apprentice.objects.bulk_create(
            [
                Apprentice(
                    person=a.person,
                    application=a,
                    cohort=cohort,
                    employment_start=cohort.start_date,
                    standard=cohort.standard,
                    probation_end=cohort.standard.probation_end_from(cohort.start_date),
                )
                for a in applications
            ]
        )
        sessions = list(ClassSession.objects.filter(cohort=cohort, date__lt=today))
        Attendance.objects.bulk_create(
            [
                Attendance(session=s, apprentice=a, status="present", hours_credited=Decimal(4))
                for a in apprentices
                for s in sessions
            ],
            batch_size=5_000,
        )


def pages() -> list[tuple[str, User, str]]:
    admin = User.objects.get(email="bench-admin@bench.example")
    cohort = (
        Cohort.objects.filter(track__slug="bench-cma", start_date__lte=timezone.localdate())
        .order_by("-start_date")
        .first()
    )
    session = cohort.sessions.order_by("date").first()
    return [
        ("staff home (at-risk sweep)", admin, "/"),
        ("cohort list", admin, "/cohorts/"),
        ("cohort roster (200 apprentices)", admin, f"/classroom/cohorts/{cohort.pk}/"),
        ("attendance sheet (200 apprentices)", admin, f"/classroom/sessions/{session.pk}/"),
    ]
