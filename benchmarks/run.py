"""`make bench`: time the busiest pages against a large seeded data set, each beside its
floor, and again on a small one for the large/small ratio.

Seeds a separate database (`<name>_bench`, reused between runs and made anew when the
migrations change) through each benchmark module's `seed(scale)`, with a progress bar; then
requests each page in-process with Django's test client as the role that uses it, right after
the floor (the base layout for the same user), and prints median and 95th-percentile times,
the query count and the ratio to the floor. The same pages are then timed on
`<name>_bench_small`, seeded at BENCH_SMALL_SCALE (0.05: the demo's order of size), for the
large/small ratio: a page that grows with the data shows it at once.

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


_BASE_NAME: list[str] = []


def _configure(suffix: str = "_bench") -> str:
    """Use the bench database `<name><suffix>`, made and migrated if needed; its fingerprint."""
    from django.conf import settings

    if not _BASE_NAME:
        # The test settings: fast hashing, mail kept in memory.
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        django.setup()
        settings.ROOT_URLCONF = "benchmarks.urls"  # the project's URLs and the floor view
        _BASE_NAME.append(settings.DATABASES["default"]["NAME"])
    from django.db import connections

    # A database of its own, so benchmarks never touch the development or test data; reused
    # between runs (seeding it takes minutes) and made anew when the migrations change.
    name = _BASE_NAME[0] + suffix
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


def _analyze() -> None:
    """Planner statistics for what was just seeded, as autovacuum would give them in time:
    a page measured right after a bulk load would otherwise be planned blind."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


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
        connection.queries_log.clear()  # the log keeps 9,000 queries: counts would read 0
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
    small_scale = float(os.environ.get("BENCH_SMALL_SCALE", "0.05"))
    repeats = int(os.environ.get("BENCH_REPEATS", "20"))
    rows, against_floor = [], []
    for done, module_name in enumerate(MODULES, start=1):
        module = importlib.import_module(module_name)
        started = time.perf_counter()
        module.seed(scale)
        _analyze()
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
    small = _small_run(small_scale, repeats)
    rows = [(*row, *small[i]) for i, row in enumerate(rows)]
    print(
        f"\n{'page':<40} {'median ms':>10} {'p95 ms':>10} {'queries':>8} {'status':>7}"
        f" {'floor p95':>10} {'ratio':>6} {'small p95':>10} {'small q':>8} {'large/small':>11}"
    )
    for label, _url, median, p95, queries, status, floor, small_p95, small_q in rows:
        ratio = p95 / floor if floor else float("inf")
        print(
            f"{label:<40} {median:>10.1f} {p95:>10.1f} {queries:>8} {status:>7}"
            f" {floor:>10.1f} {ratio:>6.1f} {small_p95:>10.1f} {small_q:>8}"
            f" {p95 / small_p95:>11.2f}"
        )
    if against_floor:
        print(f"\n{'operation':<52} {'ms':>9} {'floor':<24} {'ms':>8} {'ratio':>6}")
        for label, took, floor_label, floor in against_floor:
            ratio = took / floor if floor else float("inf")
            print(f"{label:<52} {took:>9.1f} {floor_label:<24} {floor:>8.1f} {ratio:>6.1f}")
    _write_results(rows, against_floor, scale, repeats)
    return 0 if all(row[5] == 200 for row in rows) else 1


def _small_run(small_scale: float, repeats: int) -> list[tuple[float, int]]:
    """The same pages, in the same order, on a database seeded at `small_scale` of the bench
    size (the demo's order of size): (p95 ms, queries) each, for the large/small ratio."""
    from django.test import Client

    fingerprint = _configure("_bench_small")
    measured = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        module.seed(small_scale)
        _analyze()
        for _label, user, url in module.pages():
            client = Client()
            client.force_login(user)
            _median, p95, queries, _status = _time_page(client, url, repeats)
            measured.append((p95, queries))
    _mark_seeded(fingerprint)
    print(f"small database (scale {small_scale}): {len(measured)} pages measured", flush=True)
    return measured


def _write_results(rows, against_floor, scale: int, repeats: int) -> None:
    from benchmarks.results import machine, write_section

    lines = [
        f"## make bench ({machine()}, scale {scale}, {repeats} requests a page)",
        "",
        "| page | median ms | p95 ms | queries | status | floor p95 ms | p95 / floor "
        "| small p95 ms | small queries | large / small |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, _url, median, p95, queries, status, floor, small_p95, small_q in rows:
        ratio = p95 / floor if floor else float("inf")
        lines.append(
            f"| {label} | {median:.1f} | {p95:.1f} | {queries} | {status} | {floor:.1f} | "
            f"{ratio:.1f} | {small_p95:.1f} | {small_q} | {p95 / small_p95:.2f} |"
        )
    lines += ["", "| operation | ms | floor | floor ms | ratio |", "|---|---:|---|---:|---:|"]
    for label, took, floor_label, floor in against_floor:
        ratio = took / floor if floor else float("inf")
        lines.append(f"| {label} | {took:.1f} | {floor_label} | {floor:.1f} | {ratio:.1f} |")
    write_section("bench", "\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
