"""`make load`: the main pages of each role through real servers. gunicorn (its production
configuration, workers by CPU count, with the test settings: fast password hashing, mail in
memory) on loopback against the bench database, locust headless
with 50 concurrent users for a minute: throughput, p50/p95/p99 and failed requests, printed
and written to benchmarks/results.md.

    make load                       # 50 users, 60 s
    make load LOAD_USERS=100 LOAD_SECONDS=120
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.results import machine, write_section

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-load-password-2026"  # nosec B105 - the bench database's own users only


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prepare() -> tuple[dict, str]:
    """Seed (or reuse) the bench data; give the bench users a password; the pages by user."""
    from benchmarks.run import MODULES, _configure, _mark_seeded

    fingerprint = _configure()
    import importlib

    from django.conf import settings

    pages: dict[str, list[tuple[str, str]]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        module.seed(1)
        for label, user, url in module.pages():
            if user.email not in pages:
                user.set_password(PASSWORD)
                user.save(update_fields=["password"])
            pages.setdefault(user.email, []).append((label, url))
    _mark_seeded(fingerprint)
    return pages, settings.DATABASES["default"]["NAME"]


def main() -> int:
    users = int(os.environ.get("LOAD_USERS", "50"))
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    pages, database = _prepare()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    (work / "pages.json").write_text(json.dumps(pages))
    port = _free_port()
    url = os.environ["DATABASE_URL"]
    from urllib.parse import urlsplit, urlunsplit

    bench_url = urlunsplit(urlsplit(url)._replace(path="/" + database))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": bench_url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "LOAD_PAGES": str(work / "pages.json"),
        "LOAD_PASSWORD": PASSWORD,
    }
    server = subprocess.Popen(  # nosec B603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "gunicorn",
            "apprenticeship.wsgi",
            "-c",
            "apprenticeship/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gunicorn.log", "wb"),  # noqa: SIM115
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # nosec B310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        subprocess.run(  # noqa: S603 # nosec B603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                "benchmarks/locustfile.py",
                "--headless",
                "-u",
                str(users),
                "-r",
                str(max(1, users // 5)),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "stats"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=BASE_DIR,
            env=env,
            check=False,
        )
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return _report(work / "stats_stats.csv", users, seconds)


def _report(path: Path, users: int, seconds: int) -> int:
    with open(path) as stats:
        rows = list(csv.DictReader(stats))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    lines = [
        f"## Load test ({machine()}, gunicorn with "
        f"{os.environ.get('WEB_CONCURRENCY') or os.cpu_count() * 2 + 1} workers, test settings)",
        "",
        f"{users} concurrent users for {seconds} s, each signed in as a bench role opening its "
        "main pages at random (0.5-2 s between pages).",
        "",
        "| page | requests | failures | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} | "
            f"{r['95%']} | {r['99%']} |"
        )
    lines += [
        "",
        f"Throughput {float(total['Requests/s']):.1f} requests/s; "
        f"{total['Failure Count']} failed of {total['Request Count']}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("load", text)
    return 0 if total["Failure Count"] == "0" else 1


if __name__ == "__main__":
    sys.exit(main())
