"""Program basics at the size of a large health system: many people and departments."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_groups_sync
from programs.models import Department, Program, Standard, Track

PEOPLE = 5_000
DEPARTMENTS = 400


def seed(scale: float) -> None:
    role_groups_sync()
    program, _ = Program.objects.get_or_create(
        name="Bench Health Apprenticeship", defaults={"sponsor_name": "Bench Health"}
    )
    people = int(PEOPLE * scale)
    existing = User.objects.filter(email__endswith="@bench.example").count()
    if existing < people:
        User.objects.bulk_create(
            [
                User(email=f"person{i}@bench.example", full_name=f"Bench Person {i}")
                for i in range(existing, people)
            ],
            batch_size=2_000,
        )
        managers = Group.objects.get(name=Role.HIRING_MANAGER)
        through = User.groups.through
        new_ids = User.objects.filter(email__endswith="@bench.example").values_list(
            "pk", flat=True
        )[existing:]
        through.objects.bulk_create(
            [through(user_id=pk, group_id=managers.pk) for pk in new_ids], batch_size=2_000
        )
    departments = max(1, int(DEPARTMENTS * scale))
    have = Department.objects.filter(program=program).count()
    if have < departments:
        Department.objects.bulk_create(
            [Department(program=program, name=f"Clinic {i}") for i in range(have, departments)]
        )
    staff, _ = User.objects.get_or_create(
        email="bench-admin@bench.example", defaults={"full_name": "Bench Admin"}
    )
    staff.groups.add(Group.objects.get(name=Role.PROGRAM_ADMIN))


def pages() -> list[tuple[str, User, str]]:
    admin = User.objects.get(email="bench-admin@bench.example")
    return [
        ("staff home", admin, "/"),
        ("people list", admin, "/accounts/users/"),
        ("people search", admin, "/accounts/users/?q=person49"),
        ("departments list", admin, "/program/departments/"),
        ("departments list, page 5", admin, "/program/departments/?page=5"),
    ]


def bench_track() -> Track:
    """The bench program's track, with version 1 of its standard approved and in force."""
    program, _ = Program.objects.get_or_create(
        name="Bench Health Apprenticeship", defaults={"sponsor_name": "Bench Health"}
    )
    track, _ = Track.objects.get_or_create(
        slug="bench-cma",
        defaults={
            "program": program,
            "name": "Bench CMA",
            "kind": "clinical",
            "onet_code": "31-9092.00",
            "rapids_occupation_code": "1090CB",
        },
    )
    Standard.objects.get_or_create(
        track=track,
        version=1,
        defaults={
            "state": Standard.State.APPROVED,
            "approved_on": date(2020, 1, 6),
            "effective_on": date(2020, 1, 6),
            "apprentices_per_preceptor": 4,
        },
    )
    return track
