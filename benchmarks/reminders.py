"""The reminder sweep at health-system scale: every rule of the catalogue over the bench data
(the other modules' applicants, apprentices, classes and hours), in a bounded number of
queries; the second sweep right after it finds nothing new. Run inside a transaction that is
rolled back, so the bench data stays as it is and no email leaves."""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import User


def seed(scale: float) -> None:
    """Nothing of its own: the sweep reads what the other modules seeded."""


def pages() -> list[tuple[str, User, str]]:
    return []


def timings() -> list[tuple[str, float, str, float]]:
    from applicants.models import Application
    from cohorts.models import Apprentice
    from reminders import services

    with transaction.atomic():
        started = time.perf_counter()
        with connection.cursor() as cursor:  # the floor: each base table read once
            cursor.execute("SELECT count(*) FROM applicants_application")
            cursor.execute("SELECT count(*) FROM cohorts_apprentice")
            cursor.execute("SELECT count(*) FROM classroom_classsession")
            cursor.execute("SELECT count(*) FROM clinic_timesheet")
        floor = (time.perf_counter() - started) * 1000
        with CaptureQueriesContext(connection) as first_queries:
            started = time.perf_counter()
            made = services.sweep()
            first = (time.perf_counter() - started) * 1000
        with CaptureQueriesContext(connection) as second_queries:
            started = time.perf_counter()
            again = services.sweep()
            second = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    if again:
        raise RuntimeError(f"the second sweep made {again} reminders")
    people = (
        f"{Application.objects.count():,} applications, {Apprentice.objects.count():,} apprentices"
    )
    return [
        (
            f"reminder sweep, {people}: {made:,} new, {len(first_queries)} queries",
            first,
            "a count of each base table",
            floor,
        ),
        (
            f"second sweep right after: 0 new, {len(second_queries)} queries",
            second,
            "a count of each base table",
            floor,
        ),
    ]
