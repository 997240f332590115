"""Reminders through a real Celery worker and the real broker (Redis): a sweep run twice sends
once; the worker killed while sending gives exactly one email (late acks, the message comes
back after the visibility timeout, and beat's outbox sweep sends what was not sent); a thing
done between queueing and sending sends nothing.

The worker is a separate process on the test database, sending with a slow file backend so it
can be killed in the middle of a send. Skipped when no Redis answers (CI has one)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.utils import timezone

from classroom.models import Attendance, ClassSession
from notifications.tasks import sweep_outbox
from reminders import services
from reminders.models import Reminder
from tests import clock
from tests.cohorts.factories import ApprenticeFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def _own_broker(url: str) -> str:
    """Under pytest-xdist each worker's Celery worker gets its own Redis database as broker:
    two real workers on one broker would take (and flush) each other's tasks."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return url
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(db + 8 + int(worker.removeprefix('gw'))) % 16}"))


REDIS_URL = _own_broker(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14")


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


pytestmark = [
    pytest.mark.skipif(not _redis_up(), reason="no Redis reachable"),
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    """The suite's DATABASE_URL (CI's server or the embedded one) naming the test database."""
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))


class Worker:
    def __init__(self, tmp: Path, send_seconds: float) -> None:
        tmp.mkdir()
        self.mail = tmp / "mail"
        self.mail.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "apprenticeship.settings",
            "DEBUG": "true",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT_SECONDS": "3",
            "EMAIL_BACKEND": "faults.mail.SlowFileBackend",
            "EMAIL_FILE_PATH": str(self.mail),
            "FAULTS_SEND_SECONDS": str(send_seconds),
            "OUTBOX_SWEEP_AFTER_SECONDS": "1",
        }
        self.log = tmp / "worker.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        # The worker starts at the suite's clock (tests/clock.py), not the machine's day.
        command = clock.python_travelling(
            [
                "celery",
                "-A",
                "apprenticeship",
                "worker",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
                f"--hostname=tests-{time.monotonic_ns()}@%h",
            ]
        )
        log = open(self.log, "ab")  # noqa: SIM115 - kept open by the child
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        _wait(lambda: b"ready." in self.log.read_bytes(), 60, "the worker to start")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            self.process.wait(30)
            self.process = None

    def children(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in out.stdout.split()]

    def subjects(self) -> list[str]:
        found = []
        for path in self.mail.glob("*"):
            found += re.findall(r"^Subject: (.+)$", path.read_text(errors="replace"), re.M)
        return found


def _wait(condition, seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def broker():
    """This process publishes to Redis instead of running tasks in-process."""
    import redis

    from apprenticeship.celery import app

    redis.Redis.from_url(REDIS_URL).flushdb()
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    _new_connections(app)
    yield app
    app.conf.task_always_eager, app.conf.broker_url = saved
    _new_connections(app)


def _new_connections(app) -> None:
    """Drop pooled connections so the next publish connects to the broker now configured."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(tmp_path, broker):
    made: list[Worker] = []

    def start(send_seconds: float = 0.0, *, now: bool = True) -> Worker:
        w = Worker(tmp_path / f"w{len(made)}", send_seconds)
        made.append(w)
        if now:
            w.start()
        return w

    yield start
    for w in made:
        w.kill()


def _untaken(cohort) -> list[ClassSession]:
    """Only last week's class is untaken, whatever the hour the test runs."""
    last_week = timezone.localdate() - timedelta(days=7)
    ClassSession.objects.filter(cohort=cohort).exclude(date=last_week).update(
        status=ClassSession.Status.CANCELLED
    )
    return list(ClassSession.objects.filter(cohort=cohort, date=last_week))


def test_a_sweep_run_twice_sends_once(worker, cohort, ivy):
    _untaken(cohort)
    w = worker()
    services.sweep()
    services.sweep()
    _wait(lambda: any("Take attendance" in s for s in w.subjects()), 60, "the email")
    time.sleep(2)  # anything sent twice would have arrived by now
    expected = "Reminder: " + Reminder.objects.get(user=ivy).title
    assert [s for s in w.subjects() if "Take attendance" in s] == [expected]


def test_the_worker_killed_while_sending_gives_exactly_one_email(worker, cohort, ivy, alice):
    _untaken(cohort)
    first = worker(send_seconds=3)
    services.sweep()
    time.sleep(1.5)  # the worker is inside the three-second send
    assert first.children()
    first.kill()  # the whole worker, mid-send: the message was not acknowledged
    assert not first.subjects()
    second = worker(send_seconds=0)

    def beat_sweeps_the_outbox() -> bool:
        sweep_outbox.delay()  # what beat does every minute: unsent emails go again
        time.sleep(1)
        return bool(second.subjects())

    _wait(beat_sweeps_the_outbox, 60, "the email after the restart")
    time.sleep(5)  # past the visibility timeout: a second delivery would have come
    sweep_outbox.delay()
    time.sleep(2)
    assert len([s for s in second.subjects() if "Take attendance" in s]) == 1
    assert Reminder.objects.get(user=ivy).emailed == "sent"


def test_nothing_is_sent_when_the_thing_was_done_before_the_worker_took_it(
    worker, cohort, ivy, ed_apprentice
):
    (session,) = _untaken(cohort)
    w = worker(now=False)
    services.sweep()  # queued in Redis; no worker yet
    Attendance.objects.create(
        session=session,
        apprentice=ed_apprentice,
        status=Attendance.Status.PRESENT,
        marked_by=ivy,
    )
    ApprenticeFactory(cohort=cohort)
    w.start()
    _wait(lambda: Reminder.objects.get(user=ivy).emailed == "done", 60, "the send to be dropped")
    assert not [s for s in w.subjects() if "Take attendance" in s]
