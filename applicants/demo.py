"""A few hundred demo applicants over the steps and the last months' intakes."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from applicants.models import (
    Application,
    EligibilityRules,
    InfoSession,
    Person,
    Screening,
    SessionBooking,
    StatusEvent,
    TestResult,
)
from apprenticeship.dates import add_months
from programs.models import Program, Track

FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Darnell",
    "Elena",
    "Fatima",
    "Gina",
    "Hector",
    "Isabel",
    "Jada",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Paige",
    "Quinn",
    "Rosa",
    "Sam",
    "Tasha",
]
LAST = [
    "Adams",
    "Baker",
    "Campbell",
    "Diaz",
    "Edwards",
    "Flores",
    "Green",
    "Hall",
    "Ivanova",
    "Jones",
    "King",
    "Lee",
    "Moore",
    "Nguyen",
    "Ortiz",
    "Perez",
    "Reed",
    "Scott",
    "Turner",
]
Step = Application.Step
# (step, weight): where demo applicants stand today.
SPREAD = [
    (Step.INTEREST, 40),
    (Step.APPLIED, 50),
    (Step.TESTING, 35),
    (Step.SCREENING, 30),
    (Step.READY_FOR_HIRE, 25),
    (Step.NOT_ELIGIBLE, 30),
    (Step.WITHDRAWN, 15),
    (Step.FAILED_SCREEN, 8),
    (Step.NO_SHOW, 12),
]
PAST_TESTING = {Step.SCREENING, Step.READY_FOR_HIRE, Step.FAILED_SCREEN}


def seed(users: dict[str, User]) -> None:
    if Application.objects.exclude(step=Step.ENROLLED).exists():
        return
    rng = random.Random(4)  # noqa: S311 - demo data, not security  # nosec B311
    today = timezone.localdate()
    for program in Program.objects.all():
        EligibilityRules.objects.get_or_create(program=program)
    tracks = list(Track.objects.active())
    steps = [step for step, weight in SPREAD for _ in range(weight)]
    people = []
    for i in range(len(steps)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append(
            Person(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}{i}@example.com".lower(),
                phone=f"314-555-{1000 + i}",
                date_of_birth=date(1975, 1, 1) + timedelta(days=rng.randint(0, 9000)),
                preferred_language="es" if i % 5 == 0 else "en",
            )
        )
    people[0].first_name, people[0].last_name, people[0].email, people[0].user = (
        "Dana",
        "Davis",
        "dana@example.org",
        users["dana"],
    )
    steps[0] = Step.TESTING
    Person.objects.bulk_create(people)
    applications = Application.objects.bulk_create(
        [
            Application(
                person=person,
                track=rng.choice(tracks),
                intake_month=add_months(today, rng.randint(-3, 1)),
                step=step,
                education=Application.Education.HIGH_SCHOOL
                if step != Step.NOT_ELIGIBLE
                else Application.Education.NONE,
                healthcare_months=rng.randint(24, 96)
                if step != Step.NOT_ELIGIBLE
                else rng.randint(0, 20),
                available_for_start=True,
                submitted_at=None
                if step == Step.INTEREST
                else timezone.now() - timedelta(days=rng.randint(2, 60)),
            )
            for person, step in zip(people, steps, strict=True)
        ]
    )
    StatusEvent.objects.bulk_create(
        [
            StatusEvent(
                application=a,
                from_step="" if a.step == Step.INTEREST else Step.INTEREST,
                to_step=a.step,
                by=None if a.step in {Step.INTEREST, Step.APPLIED} else users["alice"],
                reason="Does not meet the education and experience rules."
                if a.step == Step.NOT_ELIGIBLE
                else "",
            )
            for a in applications
        ]
    )
    results, screenings = [], []
    for a in applications:
        if a.step in PAST_TESTING:
            results += [
                TestResult(
                    application=a,
                    kind=TestResult.Kind.ENTRANCE_EXAM,
                    value=rng.randint(70, 98),
                    tested_on=today - timedelta(days=20),
                    recorded_by=users["alice"],
                ),
                TestResult(
                    application=a,
                    kind=TestResult.Kind.TYPING_WPM,
                    value=rng.randint(30, 70),
                    tested_on=today - timedelta(days=20),
                    recorded_by=users["alice"],
                ),
                *[
                    TestResult(
                        application=a,
                        kind=k,
                        value=rng.randint(3, 6),
                        tested_on=today - timedelta(days=20),
                        recorded_by=users["alice"],
                    )
                    for k in TestResult.WORKKEYS
                ],
            ]
        if a.step in {Step.READY_FOR_HIRE, Step.FAILED_SCREEN}:
            for kind in Screening.Kind.values:
                cleared = a.step == Step.READY_FOR_HIRE or kind == Screening.Kind.BACKGROUND
                screenings.append(
                    Screening(
                        application=a,
                        kind=kind,
                        on=today - timedelta(days=10),
                        recorded_by=users["alice"],
                        status=Screening.Status.CLEARED
                        if cleared
                        else Screening.Status.NOT_CLEARED,
                    )
                )
    TestResult.objects.bulk_create(results)
    Screening.objects.bulk_create(screenings)
    _info_sessions(rng, people)


def _info_sessions(rng: random.Random, people: list[Person]) -> None:
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    places = [
        (InfoSession.Kind.WORKFORCE, "Workforce Development", "4480 Clayton Ave, St. Louis"),
        (InfoSession.Kind.COMMUNITY, "North County Library", "1640 S Florissant Rd, St. Louis"),
    ]
    sessions = []
    for days in (-20, -6, 4, 11, 25):
        kind, place, address = places[days % 2]
        start = now + timedelta(days=days)
        sessions.append(
            InfoSession(
                kind=kind,
                location_name=place,
                address=address,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                capacity=25,
            )
        )
    InfoSession.objects.bulk_create(sessions)
    bookings = []
    for session in sessions:
        for person in rng.sample(people[1:], 14):
            past = session.starts_at < now
            status = (
                rng.choice([SessionBooking.Status.ATTENDED] * 4 + [SessionBooking.Status.NO_SHOW])
                if past
                else SessionBooking.Status.BOOKED
            )
            bookings.append(
                SessionBooking(
                    session=session,
                    name=str(person),
                    email=person.email,
                    phone=person.phone,
                    status=status,
                )
            )
    SessionBooking.objects.bulk_create(bookings)
