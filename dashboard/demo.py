"""Believable demo data for `make run`: one program, both tracks, departments, a user per role.

Idempotent: running it again changes nothing that exists. Later parts of the product add their
own demo rows through functions called from `seed_demo`.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_groups_sync
from apprenticeship.dates import add_months
from programs.models import Department, InterimCredential, Program, Standard, Track
from programs.services import standard_criteria_default

DEMO_PASSWORD = "demo-password-2026"  # the published demo logins  # nosec B105


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    roles: tuple[str, ...]


DEMO_USERS = [
    DemoUser("grace@example.org", "Grace Okafor", (Role.PROGRAM_ADMIN,)),
    DemoUser("alice@example.org", "Alice Alvarez", (Role.PROGRAM_STAFF,)),
    DemoUser("bob@example.org", "Bob Brennan", (Role.HIRING_MANAGER,)),
    DemoUser("carol@example.org", "Carol Chen", (Role.HIRING_MANAGER,)),
    DemoUser("gus@example.org", "Gus Romero", (Role.DEPARTMENT_APPROVER,)),
    DemoUser("ivy@example.org", "Ivy Ingram", (Role.INSTRUCTOR,)),
    DemoUser("fay@example.org", "Fay Foster", (Role.PRECEPTOR,)),
    DemoUser("cody@example.org", "Cody Whitfield", (Role.COACH,)),
    DemoUser("ed@example.org", "Ed Evans", (Role.APPRENTICE,)),
    DemoUser("dana@example.org", "Dana Davis", (Role.APPLICANT,)),
]

DEPARTMENTS = [
    # name, location, hiring manager, preceptor, approver
    ("Cardiology", "Center for Advanced Medicine, 4th floor", "bob", "fay", None),
    ("Pediatrics", "Children's Specialty Care, 2nd floor", "carol", None, None),
    ("Family Medicine", "Barnes-Jewish West County", None, None, "gus"),
    ("Infectious Diseases", "Center for Advanced Medicine, 6th floor", None, None, None),
    ("Orthopedics", "Chesterfield Outpatient Center", None, None, None),
    ("Dermatology", "Center for Outpatient Health, 3rd floor", None, None, None),
    ("Obstetrics & Gynecology", "Women's Health Center", None, None, None),
    ("Neurology", "Neurology Clinic, 5th floor", None, None, None),
]


def _user(email: str, full_name: str, roles: tuple[str, ...]) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = Role.PROGRAM_ADMIN in roles
        user.save()
        user.groups.set(user.groups.model.objects.filter(name__in=roles))
    return user


def seed_organisation() -> dict[str, User]:
    role_groups_sync()
    users = {u.email.split("@")[0]: _user(u.email, u.full_name, u.roles) for u in DEMO_USERS}
    program, _ = Program.objects.get_or_create(
        name="WashU Medical Apprenticeship Program",
        defaults={
            "sponsor_name": "Washington University in St. Louis",
            "staff_email_domain": "example.org",
            "dol_program_number": "2021-MO-104233",
            "registration_agency": Program.RegistrationAgency.OA,
            "registration_agency_name": "Office of Apprenticeship, Missouri State Office",
            "address": "Workforce Development\n4480 Clayton Ave\nSt. Louis, MO 63110",
            "contact_email": "apprenticeship@example.org",
            "contact_phone": "314-555-0142",
        },
    )
    Track.objects.get_or_create(
        slug="clinical-medical-assistant",
        defaults={
            "program": program,
            "name": "Clinical Medical Assistant",
            "kind": Track.Kind.CLINICAL,
            "description": "Work beside physicians and nurses: rooming patients, vital signs, "
            "injections, specimen collection and patient education.",
            "onet_code": "31-9092.00",
            "rapids_occupation_code": "1090CB",
            "certification_name": "NHA Certified Clinical Medical Assistant (CCMA)",
        },
    )
    Track.objects.get_or_create(
        slug="medical-administrative-assistant",
        defaults={
            "program": program,
            "name": "Medical Administrative Assistant",
            "kind": Track.Kind.ADMINISTRATIVE,
            "description": "Keep a clinic running: scheduling, registration, insurance "
            "verification, medical records and the front desk.",
            "onet_code": "43-6013.00",
            "rapids_occupation_code": "0873HY",
            "certification_name": "NHA Certified Medical Administrative Assistant (CMAA)",
        },
    )
    _standards(users)
    for name, location, manager, preceptor, approver in DEPARTMENTS:
        department, created = Department.objects.get_or_create(
            program=program, name=name, defaults={"location": location}
        )
        if created:
            if manager:
                department.hiring_managers.add(users[manager])
            if preceptor:
                department.preceptors.add(users[preceptor])
            if approver:
                department.approvers.add(users[approver])
    return users


def _standards(users: dict[str, User]) -> None:
    """The registered standards (29 CFR 29.5): the clinical track time-based at 2,000 hours
    with a modification at the agency, the administrative track hybrid with interim
    credentials, so both approaches are lived-in."""
    today = timezone.localdate()
    registered = add_months(today, -48)
    clinical = Track.objects.get(slug="clinical-medical-assistant")
    administrative = Track.objects.get(slug="medical-administrative-assistant")
    if clinical.standards.exists():
        return
    approved = {
        "state": Standard.State.APPROVED,
        "sent_on": registered - timedelta(days=40),
        "approved_on": registered - timedelta(days=5),
        "effective_on": registered,
        "created_by": users["grace"],
    }
    v1 = Standard.objects.create(
        track=clinical,
        version=1,
        approach=Standard.Approach.TIME,
        ojl_hours=2000,
        probation_days=90,
        apprentices_per_preceptor=4,
        note="Registered with the Office of Apprenticeship",
        **approved,
    )
    Standard.objects.create(
        track=clinical,
        version=2,
        approach=v1.approach,
        ojl_hours=2000,
        probation_days=None,
        probation_ojl_hours=500,
        apprentices_per_preceptor=4,
        note="Probation counted in on-the-job hours (500 h), as RAPIDS states it",
        state=Standard.State.SENT,
        sent_on=today - timedelta(days=12),
        created_by=users["grace"],
    )
    hybrid = Standard.objects.create(
        track=administrative,
        version=1,
        approach=Standard.Approach.HYBRID,
        ojl_hours=1800,
        ojl_hours_max=2200,
        probation_days=90,
        apprentices_per_preceptor=3,
        note="Registered as a hybrid occupation (0873HY)",
        **approved,
    )
    InterimCredential.objects.create(
        standard=hybrid,
        name="Patient Access Specialist (interim)",
        earned_by=InterimCredential.EarnedBy.WORK_PROCESS,
        work_process_title="Registration and insurance",
    )
    InterimCredential.objects.create(
        standard=hybrid,
        name="NHA Certified Medical Administrative Assistant",
        earned_by=InterimCredential.EarnedBy.EXAM,
    )
    for standard in Standard.objects.filter(track__in=[clinical, administrative]):
        standard_criteria_default(standard=standard)


# Each app with demo rows has `<app>/demo.py` with `seed(users: dict[str, User]) -> None`,
# called in this order (the order people flow through the program).
DEMO_APPS = [
    "applicants",
    "classroom",
    "hiring",
    "clinic",
    "wages",
    "support",
    "reminders",
    "reports",
    "api",
    "identity",
]


@transaction.atomic
def seed_demo() -> None:
    users = seed_organisation()
    for app in DEMO_APPS:
        if importlib.util.find_spec(f"{app}.demo") is not None:
            importlib.import_module(f"{app}.demo").seed(users)
