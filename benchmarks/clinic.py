"""Clinic hours at the size of a large health system: every bench apprentice (200 a cohort)
with a payroll week for each week since they started and an entry a working day, a preceptor
with 25 apprentices, and a 10,000-row payroll import timed beside PostgreSQL COPY."""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from apprenticeship.dates import week_start
from clinic import imports
from clinic.models import PayrollMapping, Placement, TimeEntry, Timesheet, WorkProcess
from cohorts.models import Apprentice, Cohort
from programs.models import Department, Track

PROCESSES = ["Rooming and intake", "Vital signs", "Injections", "EHR documentation", "Infection"]
PRECEPTED = 25
IMPORT_ROWS = 10_000


def _copy(table: str, columns: list[str], rows) -> None:
    """Bulk load with COPY, history triggers off for the seed (session_replication_role)."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("SET session_replication_role = DEFAULT")


def seed(scale: float) -> None:
    track = Track.objects.get(slug="bench-cma")
    if not WorkProcess.objects.filter(track=track).exists():
        for order, title in enumerate(PROCESSES, start=1):
            WorkProcess.objects.create(track=track, order=order, title=title, planned_hours=400)
    processes = list(WorkProcess.objects.filter(track=track).order_by("order"))
    department, _ = Department.objects.get_or_create(program=track.program, name="Bench Cardiology")
    preceptor, _ = User.objects.get_or_create(
        email="bench-preceptor@bench.example", defaults={"full_name": "Bench Preceptor"}
    )
    preceptor.groups.add(Group.objects.get(name=Role.PRECEPTOR))
    department.preceptors.add(preceptor)
    apprentices = list(
        Apprentice.objects.filter(cohort__track=track).exclude(employee_id__gt="").order_by("pk")
    )
    for n, apprentice in enumerate(apprentices):
        apprentice.employee_id = f"B{apprentice.pk}"
        if n < PRECEPTED:
            apprentice.department, apprentice.preceptor = department, preceptor
    Apprentice.objects.bulk_update(
        apprentices, ["employee_id", "department", "preceptor"], batch_size=2000
    )
    Placement.objects.bulk_create(
        [
            Placement(
                apprentice=a,
                department=department,
                preceptor=a.preceptor,
                starts_on=a.employment_start,
            )
            for a in apprentices
            if a.preceptor_id
        ]
    )
    if Timesheet.objects.filter(apprentice__cohort__track=track).exists():
        # The bench's weeks come from payroll (a later import may add to them); older bench
        # databases were seeded as typed-in weeks.
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("UPDATE clinic_timesheet SET imported = true WHERE NOT imported")
            cursor.execute("SET session_replication_role = DEFAULT")
        return
    this_monday = week_start(timezone.localdate())
    with transaction.atomic():
        weeks = []
        for apprentice in Apprentice.objects.filter(cohort__track=track).order_by("pk"):
            monday = week_start(apprentice.employment_start)
            while monday < this_monday:
                recent = (this_monday - monday).days <= 14
                status = "submitted" if recent else "approved"
                weeks.append((apprentice.pk, monday, status, Decimal(40)))
                monday += timedelta(weeks=1)
        _copy(
            "clinic_timesheet",
            [
                "apprentice_id",
                "week_start",
                "status",
                "total_hours",
                "no_hours_reason",
                "return_comment",
                "imported",
                "submitted_at",
            ],
            (
                (a, m, s, h, "", "", True, f"{m + timedelta(days=7)} 09:00+00")
                for a, m, s, h in weeks
            ),
        )
        # Read before the COPY starts: the connection cannot run a query in the middle of one.
        sheets = list(
            Timesheet.objects.filter(apprentice__cohort__track=track).values_list(
                "pk", "apprentice_id", "week_start"
            )
        )
        _copy(
            "clinic_timeentry",
            ["timesheet_id", "apprentice_id", "day", "work_process_id", "hours", "source_key"],
            (
                (pk, apprentice_id, monday + timedelta(days=d), processes[d].pk, Decimal(8), "")
                for pk, apprentice_id, monday in sheets
                for d in range(5)
            ),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE clinic_timesheet; ANALYZE clinic_timeentry")


def pages() -> list[tuple[str, User, str]]:
    admin = User.objects.get(email="bench-admin@bench.example")
    preceptor = User.objects.get(email="bench-preceptor@bench.example")
    cohort = (
        Cohort.objects.filter(track__slug="bench-cma", start_date__lte=timezone.localdate())
        .order_by("start_date")
        .first()
    )
    apprentice = Apprentice.objects.filter(preceptor=preceptor).order_by("pk").first()
    rows = TimeEntry.objects.count()
    return [
        (f"preceptor queue ({rows:,} hour rows)", preceptor, "/clinic/"),
        (
            "apprentice progress (a year of weeks)",
            preceptor,
            f"/clinic/apprentices/{apprentice.pk}/",
        ),
        ("cohort roster with clinic hours (200)", admin, f"/clinic/cohorts/{cohort.pk}/"),
    ]


def _payroll_file(apprentices: list[Apprentice], rows: int) -> bytes:
    lines = ["Employee ID,Work Date,Hours,Activity,Punch ID"]
    n = 0
    day = week_start(timezone.localdate()) - timedelta(weeks=3)  # approved weeks: rows add to them
    while n < rows:
        for apprentice in apprentices:
            if n >= rows:
                break
            lines.append(f"{apprentice.employee_id},{day:%Y-%m-%d},1.25,Vital signs,X{n}")
            n += 1
        day -= timedelta(days=1)
    return ("\n".join(lines) + "\n").encode()


def _copy_floor(content: bytes, track: Track) -> float:
    """PostgreSQL COPY of the same rows straight into the hours table, with its indexes,
    foreign keys and audit trigger: what any import must at least pay. Rolled back."""
    lines = content.decode().splitlines()[1:]
    people = dict(Apprentice.objects.filter(cohort__track=track).values_list("employee_id", "pk"))
    process = WorkProcess.objects.get(track=track, title="Vital signs").pk
    rows = []
    for line in lines:
        employee, day, hours, _activity, punch = line.split(",")
        rows.append((people[employee], date.fromisoformat(day), hours, punch))
    sheets = dict(
        (((a, w), pk))
        for pk, a, w in Timesheet.objects.filter(
            apprentice_id__in={r[0] for r in rows}
        ).values_list("pk", "apprentice_id", "week_start")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        with cursor.cursor.copy(
            "COPY clinic_timeentry (timesheet_id, apprentice_id, day, work_process_id, hours, "
            "source_key) FROM STDIN"
        ) as copy:
            for apprentice, day, hours, punch in rows:
                copy.write_row(
                    (sheets[(apprentice, week_start(day))], apprentice, day, process, hours, punch)
                )
        took = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return took


def timings() -> list[tuple[str, float, str, float]]:
    """(label, ms, floor label, floor ms): the import against COPY of the same rows."""
    track = Track.objects.get(slug="bench-cma")
    admin = User.objects.get(email="bench-admin@bench.example")
    mapping, _ = PayrollMapping.objects.get_or_create(
        program=track.program,
        name="Bench Kronos",
        defaults={
            "employee_id_column": "Employee ID",
            "date_column": "Work Date",
            "hours_column": "Hours",
            "work_process_column": "Activity",
            "row_key_column": "Punch ID",
            "lands_as": PayrollMapping.LandsAs.APPROVED,
        },
    )
    recent = list(
        Apprentice.objects.filter(
            cohort__track=track, employment_start__lte=timezone.localdate() - timedelta(days=60)
        ).order_by("pk")[:2000]
    )
    content = _payroll_file(recent, IMPORT_ROWS)
    floor = _copy_floor(content, track)
    with transaction.atomic():
        started = time.perf_counter()
        batch = imports.import_upload(
            mapping=mapping, upload=SimpleUploadedFile("bench.csv", content), by=admin
        )
        written = imports.import_confirm(batch=batch, by=admin)
        took = (time.perf_counter() - started) * 1000
        if written != IMPORT_ROWS:  # the figure would not be for the rows it claims
            raise RuntimeError(f"imported {written} of {IMPORT_ROWS} rows")
        transaction.set_rollback(True)  # the bench data stays as it was
    return [
        (
            f"payroll import, {IMPORT_ROWS:,} rows (preview + confirm)",
            took,
            "COPY into the hours table",
            floor,
        )
    ]
