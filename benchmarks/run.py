"""`make bench`: time the busiest pages against a large seeded data set.

Seeds a separate database (`<name>_bench`, created once and reused) through each benchmark
module's `seed(scale)`, then requests each page in-process with Django's test client as the
role that uses it, and prints median and 95th-percentile times and the query count.

    make bench                 # scale 1: the sizes in each module
    make bench BENCH_SCALE=4   # four times larger
"""

from __future__ import annotations

import importlib
import os
import statistics
import sys
import time

import django

MODULES = [
    "benchmarks.organisation",
    "benchmarks.cohorts",
    "benchmarks.applicants",
    "benchmarks.audit",
    "benchmarks.clinic",
    "benchmarks.reminders",
    "benchmarks.reports",
]


def _configure() -> str:
    # The test settings: fast hashing, mail kept in memory (the package import set a default).
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django.setup()
    from django.conf import settings
    from django.db import connections

    settings.ROOT_URLCONF = "benchmarks.urls"  # the project's URLs and the floor view

    # A database of its own, so benchmarks never touch the development or test data; reused
    # between runs (seeding it takes minutes) and made anew when the migrations change.
    name = settings.DATABASES["default"]["NAME"] + "_bench"
    fingerprint = _migrations_fingerprint()
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        )
        found = cursor.fetchone()
        if found is not None and found[0] != fingerprint:
            print(f"{name}: the migrations changed since it was seeded; making it anew")
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            found = None
        if found is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = name
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return fingerprint


def _mark_seeded(fingerprint: str) -> None:
    """Said only once every module has seeded: a run that died halfway is seeded anew."""
    from django.conf import settings
    from django.db import connection

    name = settings.DATABASES["default"]["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON DATABASE "{name}" IS %s', [fingerprint])


def _migrations_fingerprint() -> str:
    """A digest of every migration file of the project's apps: a new or edited migration
    means a new bench database."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.glob("*/migrations/0*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return "migrations:" + digest.hexdigest()[:16]


def _progress(done: int, total: int, label: str, seconds: float) -> None:
    width = 24
    filled = width * done // total
    print(
        f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {label}: data ready in "
        f"{seconds:.1f} s",
        flush=True,
    )


def _time_page(client, url: str, repeats: int) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    status = 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
        status = response.status_code
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, queries, status


def main() -> int:
    fingerprint = _configure()
    from django.test import Client

    scale = int(os.environ.get("BENCH_SCALE", "1"))
    repeats = int(os.environ.get("BENCH_REPEATS", "20"))
    rows, against_floor = [], []
    for done, module_name in enumerate(MODULES, start=1):
        module = importlib.import_module(module_name)
        started = time.perf_counter()
        module.seed(scale)
        _progress(done, len(MODULES), module_name, time.perf_counter() - started)
        for label, user, url in module.pages():
            client = Client()
            client.force_login(user)
            # The floor first, for the same user in the same client: the layout alone.
            _floor_median, floor_p95, _q, _s = _time_page(client, "/_bench/floor/", repeats)
            rows.append((label, url, *_time_page(client, url, repeats), floor_p95))
        if hasattr(module, "timings"):
            against_floor += module.timings()
    _mark_seeded(fingerprint)
    print(
        f"\n{'page':<40} {'median ms':>10} {'p95 ms':>10} {'queries':>8} {'status':>7}"
        f" {'floor p95':>10} {'ratio':>6}"
    )
    for label, _url, median, p95, queries, status, floor in rows:
        ratio = p95 / floor if floor else float("inf")
        print(
            f"{label:<40} {median:>10.1f} {p95:>10.1f} {queries:>8} {status:>7}"
            f" {floor:>10.1f} {ratio:>6.1f}"
        )
    if against_floor:
        print(f"\n{'operation':<52} {'ms':>9} {'floor':<24} {'ms':>8} {'ratio':>6}")
        for label, took, floor_label, floor in against_floor:
            ratio = took / floor if floor else float("inf")
            print(f"{label:<52} {took:>9.1f} {floor_label:<24} {floor:>8.1f} {ratio:>6.1f}")
    _write_results(rows, against_floor, scale, repeats)
    return 0 if all(row[5] == 200 for row in rows) else 1


def _write_results(rows, against_floor, scale: int, repeats: int) -> None:
    from benchmarks.results import machine, write_section

    lines = [
        f"## make bench ({machine()}, scale {scale}, {repeats} requests a page)",
        "",
        "| page | median ms | p95 ms | queries | status | floor p95 ms | p95 / floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, _url, median, p95, queries, status, floor in rows:
        ratio = p95 / floor if floor else float("inf")
        lines.append(
            f"| {label} | {median:.1f} | {p95:.1f} | {queries} | {status} | {floor:.1f} | "
            f"{ratio:.1f} |"
        )
    lines += ["", "| operation | ms | floor | floor ms | ratio |", "|---|---:|---|---:|---:|"]
    for label, took, floor_label, floor in against_floor:
        ratio = took / floor if floor else float("inf")
        lines.append(f"| {label} | {took:.1f} | {floor_label} | {floor:.1f} | {ratio:.1f} |")
    write_section("bench", "\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
