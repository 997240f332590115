"""Demo cohorts for both tracks (past, current and future) with apprentices and the
attendance of every class already held."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from applicants.models import Application, Person
from apprenticeship.dates import add_months
from classroom.models import Attendance, ClassSession, Module
from classroom.services import credited_hours
from cohorts.models import Apprentice, ApprenticeEvent, Cohort
from cohorts.services import cohorts_plan_year
from programs.models import Department, Track

CURRICULUM = {
    "clinical": [
        "Healthcare systems and the medical assistant",
        "Medical law and ethics",
        "Infection control",
        "Vital signs",
        "Patient intake and rooming",
        "Medical terminology",
        "Pharmacology basics",
        "Injections and medication administration",
        "Phlebotomy and specimen collection",
        "EKG basics",
        "Patient education",
        "Certification review",
    ],
    "administrative": [
        "Healthcare systems and the front office",
        "Medical law, ethics and HIPAA",
        "Medical terminology",
        "Scheduling",
        "Patient registration",
        "Insurance verification",
        "Billing and coding basics",
        "Electronic health records",
        "Customer service",
        "Medical records",
        "Office procedures",
        "Certification review",
    ],
}

FIRST = [
    "Maria",
    "James",
    "Aaliyah",
    "Luis",
    "Keisha",
    "Tyler",
    "Sofia",
    "Marcus",
    "Destiny",
    "Andre",
    "Jasmine",
    "Kevin",
    "Brianna",
    "Carlos",
    "Imani",
    "Devon",
    "Gabriela",
    "Jamal",
]
LAST = [
    "Johnson",
    "Garcia",
    "Williams",
    "Brown",
    "Martinez",
    "Davis",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Jackson",
    "White",
    "Harris",
    "Robinson",
    "Lewis",
    "Walker",
]


def seed(users: dict[str, User]) -> None:
    if Cohort.objects.exists():
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not security  # nosec B311
    today = timezone.localdate()
    departments = list(Department.objects.order_by("name"))
    for track in Track.objects.order_by("pk"):
        Module.objects.bulk_create(
            [
                Module(track=track, order=i + 1, title=title)
                for i, title in enumerate(CURRICULUM[track.kind])
            ]
        )
        cohorts_plan_year(
            track=track,
            first_month=add_months(today, -11),
            months=20,
            capacity=10,
            classroom_location="Workforce Development, Room 204"
            if track.kind == "clinical"
            else "Workforce Development, Room 110",
            class_weekday=Cohort.Weekday.WEDNESDAY
            if track.kind == "clinical"
            else Cohort.Weekday.THURSDAY,
            class_start_time=time(8, 0),
            instructors=[users["ivy"]],
        )
    # Ed (the demo apprentice login) is in the newest clinical cohort at least five weeks in,
    # whatever the day: past his week-4 survey, before his week-12 exam.
    eds = (
        Cohort.objects.filter(track__kind="clinical", start_date__lte=today - timedelta(days=35))
        .order_by("-start_date")
        .first()
    )
    for cohort in Cohort.objects.filter(start_date__lte=today).select_related("track"):
        _enrol_demo_apprentices(cohort, rng, departments, users, today, is_eds=cohort == eds)
    _take_attendance(rng, today)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _enrol_demo_apprentices(cohort, rng, departments, users, today, *, is_eds: bool) -> None:
    people = []
    for _ in range(rng.randint(6, 9)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append(
            Person(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.{rng.randint(10, 999)}@example.net".lower(),
                phone=f"314-555-{rng.randint(1000, 9999)}",
            )
        )
    if is_eds:
        people[0] = Person(
            first_name="Ed", last_name="Evans", email="ed@example.org", user=users["ed"]
        )
    Person.objects.bulk_create(people)
    # Its own generator, so the rest of the demo's random data stays as it was.
    when = random.Random(cohort.pk)  # noqa: S311 - demo data, not security  # nosec B311
    applications = Application.objects.bulk_create(
        [
            Application(
                person=p,
                track=cohort.track,
                intake_month=add_months(cohort.start_date, -1),
                step=Application.Step.ENROLLED,
                submitted_at=_at(cohort.start_date - timedelta(days=when.randint(40, 75)), 10),
            )
            for p in people
        ]
    )
    hired = Apprentice.objects.bulk_create(
        [
            Apprentice(
                person=app.person,
                application=app,
                cohort=cohort,
                department=rng.choice(departments),
                employment_start=cohort.start_date,
                standard=cohort.standard,
                probation_end=cohort.standard.probation_end_from(cohort.start_date),
                # Hired and waiting for registration, as enrolment leaves everyone: the wages
                # demo registers them through the lifecycle (registration events with dates).
                status=Apprentice.Status.PENDING_REGISTRATION,
                preceptor=users["fay"] if is_eds else None,
            )
            for app in applications
        ]
    )
    # Hired one to three weeks before the start (enrolled_at is stamped with the seeding time).
    for apprentice in hired:
        apprentice.enrolled_at = _at(cohort.start_date - timedelta(days=when.randint(7, 21)), 15)
    Apprentice.objects.bulk_update(hired, ["enrolled_at"])
    ApprenticeEvent.objects.bulk_create(
        [
            ApprenticeEvent(
                apprentice=apprentice,
                from_status="",
                to_status=Apprentice.Status.PENDING_REGISTRATION,
                effective_on=cohort.start_date,
                reason="Enrolled",
                during_probation=True,
            )
            for apprentice in Apprentice.objects.filter(cohort=cohort)
        ]
    )


# Chances of (present, late, absent) per class; the rest are excused. Most apprentices come
# to every class, a few are late now and then, one in twelve struggles.
RELIABLE = (0.96, 0.03, 0.005)
STRUGGLING = (0.6, 0.15, 0.2)


def _take_attendance(rng, today) -> None:
    marks = []
    sessions = ClassSession.objects.filter(date__lt=today).select_related("cohort__track__program")
    for session in sessions:
        program = session.cohort.track.program
        for apprentice in session.cohort.apprentices.select_related("person"):
            struggles = apprentice.pk % 12 == 5 and apprentice.person.user_id is None  # not Ed
            present, late_share, absent = STRUGGLING if struggles else RELIABLE
            roll = rng.random()
            if roll < present:
                status, late = Attendance.Status.PRESENT, 0
            elif roll < present + late_share:
                status, late = Attendance.Status.LATE, rng.choice([10, 20, 35])
            elif roll < present + late_share + absent:
                status, late = Attendance.Status.ABSENT, 0
            else:
                status, late = Attendance.Status.EXCUSED, 0
            marks.append(
                Attendance(
                    session=session,
                    apprentice=apprentice,
                    status=status,
                    minutes_late=late,
                    hours_credited=credited_hours(
                        hours=session.hours, status=status, minutes_late=late, program=program
                    ),
                    marked_at=timezone.now(),
                )
            )
    Attendance.objects.bulk_create(marks, batch_size=2000)
