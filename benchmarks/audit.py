"""The audit log over the change history the other modules' seeding wrote (every insert of
an application, apprentice, attendance row... is an event), plus personal-data reads."""

from __future__ import annotations

from accounts.models import User
from audit.models import PersonalDataAccess

READS = 50_000


def seed(scale: float) -> None:
    admin = User.objects.get(email="bench-admin@bench.example")
    have = PersonalDataAccess.objects.count()
    wanted = int(READS * scale)
    if have < wanted:
        PersonalDataAccess.objects.bulk_create(
            [
                PersonalDataAccess(
                    actor=admin,
                    action="read",
                    subject_type="applicants.person",
                    subject_id=str(i),
                    subject_label=f"Bench Person {i}",
                    fields=["date_of_birth"],
                )
                for i in range(have, wanted)
            ],
            batch_size=5_000,
        )


def pages() -> list[tuple[str, User, str]]:
    admin = User.objects.get(email="bench-admin@bench.example")
    return [
        ("audit log, all changes", admin, "/audit/"),
        ("audit log, attendance changes", admin, "/audit/?record_type=classroom.Attendance"),
        (
            "audit log, one application",
            admin,
            "/audit/?record_type=applicants.Application&record_id=4242",
        ),
        ("audit log, by person", admin, "/audit/?who=bench-admin"),
        ("audit log, personal data reads", admin, "/audit/?log=personal"),
    ]
