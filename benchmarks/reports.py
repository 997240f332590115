"""Reports at health-system scale: the program dashboard as a page; the program report PDF for
about 500 apprentices against WeasyPrint rendering the same HTML made in advance (the floor);
the RAPIDS registration file for 5,000 apprentices against a bare SELECT of the same rows.

Seeds what the RAPIDS layout needs on the bench apprentices (address, education, wages, the
program's RAPIDS ids) and tops the bench track up to 5,000 current apprentices."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from applicants.models import Application, Person
from apprenticeship.pdf import html_to_pdf, render_pdf
from cohorts.models import Apprentice, Cohort
from programs.models import Track

RAPIDS_ROWS = 5000
PDF_APPRENTICES = 500


def _top_up(track: Track, wanted: int) -> None:
    """More apprentices in the bench track's later cohorts until `wanted` are current."""
    unregistered = Apprentice.objects.current().filter(cohort__track=track, rapids_id="")
    missing = wanted - unregistered.count()
    if missing <= 0:
        return
    cohorts = list(Cohort.objects.filter(track=track).order_by("-start_date")[:6])
    people = Person.objects.bulk_create(
        [
            Person(first_name="Bench", last_name=f"Registrant {i}", email=f"r{i}@bench.example")
            for i in range(missing)
        ]
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                person=p,
                track=track,
                intake_month=cohorts[i % len(cohorts)].start_date.replace(day=1),
                step=Application.Step.ENROLLED,
            )
            for i, p in enumerate(people)
        ]
    )
    Apprentice.objects.bulk_create(
        [
            Apprentice(
                person=a.person,
                application=a,
                cohort=cohorts[i % len(cohorts)],
                employment_start=cohorts[i % len(cohorts)].start_date,
                standard=cohorts[i % len(cohorts)].standard,
                probation_end=cohorts[i % len(cohorts)].standard.probation_end_from(
                    cohorts[i % len(cohorts)].start_date
                ),
            )
            for i, a in enumerate(applications)
        ]
    )


def seed(scale: float) -> None:
    track = Track.objects.select_related("program").get(slug="bench-cma")
    _top_up(track, int(RAPIDS_ROWS * scale))
    program = track.program
    if not program.rapids_rti_provider_id:
        program.rapids_employer_id, program.rapids_rti_provider_id = "EMP-1", "RTI-1"
        program.save(update_fields=["rapids_employer_id", "rapids_rti_provider_id"])
        track.rapids_wage_schedule_id = "WS-1"
        track.save(update_fields=["rapids_wage_schedule_id"])
    bench = Person.objects.filter(email__endswith="@bench.example", zip_code="")
    bench.update(
        street_address="1 Bench St",
        city="St. Louis",
        state="MO",
        zip_code="63110",
        date_of_birth=date(1995, 1, 1),
    )
    Application.objects.filter(track=track, education_level="").update(education_level="3")
    Apprentice.objects.filter(cohort__track=track, prior_wage__isnull=True).update(
        prior_wage=Decimal("14.00"), starting_hourly_rate=Decimal("18.50")
    )


def pages() -> list[tuple[str, User, str]]:
    admin = User.objects.get(email="bench-admin@bench.example")
    track = Track.objects.get(slug="bench-cma")
    return [
        ("program dashboard (a year, every chart)", admin, "/reports/dashboard/"),
        ("program dashboard, one track", admin, f"/reports/dashboard/?track={track.pk}"),
    ]


def _pdf_period(track: Track) -> tuple[date, date, int]:
    """A period whose report holds about 500 apprentices: from the first cohort to the start
    of the cohort that brings the count past 500."""
    total, first = 0, None
    cohorts = (
        Cohort.objects.filter(track=track)
        .annotate(n=Count("apprentices"))
        .order_by("start_date")
        .values_list("start_date", "n")
    )
    for start, n in cohorts:
        first = first or start
        total += n
        if total >= PDF_APPRENTICES:
            return first, start, total
    return first, timezone.localdate(), total


def timings() -> list[tuple[str, float, str, float]]:
    from reports import rapids
    from reports.program import program_report

    track = Track.objects.select_related("program").get(slug="bench-cma")
    start, end, people = _pdf_period(track)
    today = timezone.localdate()

    started = time.perf_counter()
    pdf = render_pdf(
        "reports/program_pdf.html",
        {"report": program_report(track=track, start=start, end=end, today=today)},
    )
    took_pdf = (time.perf_counter() - started) * 1000
    html = render_to_string(
        "reports/program_pdf.html",
        {"report": program_report(track=track, start=start, end=end, today=today)},
    )
    started = time.perf_counter()
    html_to_pdf(html)
    floor_pdf = (time.perf_counter() - started) * 1000
    if not pdf.startswith(b"%PDF-"):
        raise RuntimeError("the program report is not a PDF")

    apprentices = rapids.registration_queryset().filter(cohort__track=track)[:RAPIDS_ROWS]
    started = time.perf_counter()
    with connection.cursor() as cursor:  # the floor: the same rows, selected bare
        cursor.execute(
            "SELECT a.*, p.*, ap.*, c.*, t.*, pr.* FROM cohorts_apprentice a"
            " JOIN applicants_person p ON p.id = a.person_id"
            " JOIN applicants_application ap ON ap.id = a.application_id"
            " JOIN cohorts_cohort c ON c.id = a.cohort_id"
            " JOIN programs_track t ON t.id = c.track_id"
            " JOIN programs_program pr ON pr.id = t.program_id"
            " WHERE c.track_id = %s AND a.rapids_id = ''"
            " AND a.status NOT IN ('cancelled', 'transferred_out')"
            " ORDER BY p.last_name, p.first_name, a.id LIMIT %s",
            [track.pk, RAPIDS_ROWS],
        )
        cursor.fetchall()
    floor_rapids = (time.perf_counter() - started) * 1000
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        rows = rapids.registration_rows(apprentices)
        content = rapids.rows_csv(rapids.columns(), rows)
        took_rapids = (time.perf_counter() - started) * 1000
    ready = sum(row.ready for row in rows)
    if len(rows) != RAPIDS_ROWS:
        raise RuntimeError(f"the RAPIDS file has {len(rows)} rows, not {RAPIDS_ROWS}")
    return [
        (
            f"program report PDF, {people} apprentices",
            took_pdf,
            "WeasyPrint on the same HTML",
            floor_pdf,
        ),
        (
            f"RAPIDS file, {len(rows):,} rows ({ready:,} ready, {len(queries)} queries,"
            f" {len(content) // 1024:,} KB)",
            took_rapids,
            "bare SELECT of the rows",
            floor_rapids,
        ),
    ]
