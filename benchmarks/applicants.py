"""The applicant pipeline at the scale target: 100,000 applications over two years of intakes."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from applicants.models import Application, Person
from benchmarks.organisation import bench_track

APPLICATIONS = 100_000
STEPS = [s for s in Application.Step if s != Application.Step.ENROLLED]


def seed(scale: float) -> None:
    track = bench_track()
    staff, _ = User.objects.get_or_create(
        email="bench-admin@bench.example", defaults={"full_name": "Bench Admin"}
    )
    staff.groups.add(Group.objects.get(name=Role.PROGRAM_ADMIN))
    want = int(APPLICATIONS * scale)
    have = Application.objects.filter(person__email__endswith="@pipeline.bench").count()
    for start in range(have, want, 10_000):
        stop = min(start + 10_000, want)
        people = Person.objects.bulk_create(
            [
                Person(first_name="Applicant", last_name=f"No {i}", email=f"p{i}@pipeline.bench")
                for i in range(start, stop)
            ]
        )
        Application.objects.bulk_create(
            [
                Application(
                    person=p,
                    track=track,
                    step=STEPS[i % len(STEPS)],
                    intake_month=date(2025 + (i % 24) // 12, (i % 12) + 1, 1),
                )
                for i, p in enumerate(people, start=start)
            ]
        )


def pages() -> list[tuple[str, User, str]]:
    admin = User.objects.get(email="bench-admin@bench.example")
    return [
        ("pipeline board (100k)", admin, "/apply/pipeline/"),
        ("pipeline, one step", admin, "/apply/pipeline/?step=testing"),
        ("pipeline, search by name", admin, "/apply/pipeline/?query=No%2012345"),
        ("pipeline, month and page 20", admin, "/apply/pipeline/?month=2025-06&page=20"),
    ]
