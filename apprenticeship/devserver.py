"""`make run`: the whole app on a laptop, with nothing installed but Python.

Starts the embedded PostgreSQL when DATABASE_URL is unset, migrates, loads the demo data once,
then runs the web server, a Celery worker and Celery beat until Ctrl-C, and stops what it
started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from api.demo_key import DEMO_KEY
from apprenticeship import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent


def _port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def _wait_for_port(host: str, port: int, proc: subprocess.Popen, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def _manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly when killed politely, as on Ctrl-C
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    if _port_in_use(host, port):
        print(
            f"\nPort {port} on {host} is already in use (another `make run`?).\n"
            f"Stop that program, or choose another port: make run PORT=8001\n",
            file=sys.stderr,
        )
        return 1

    env = {**os.environ}
    env.setdefault("DEBUG", "true")
    env.setdefault("SITE_URL", f"http://{host}:{port}")
    started_db = False
    if not env.get("DATABASE_URL"):
        started_db = not embedded_db.is_running()
        print("Starting the embedded PostgreSQL (data in .data/pg) ...", flush=True)
        env["DATABASE_URL"] = embedded_db.database_url()
    if not env.get("REDIS_URL"):
        print("REDIS_URL is unset: Celery uses the filesystem broker in .data/celery.", flush=True)

    processes: list[subprocess.Popen] = []
    try:
        _manage("migrate", "--noinput", env=env)
        _manage("seed_demo", "--once", env=env)
        celery = [sys.executable, "-m", "celery", "-A", "apprenticeship"]
        processes.append(
            subprocess.Popen(
                [*celery, "worker", "--loglevel=INFO", "--concurrency=2"], cwd=BASE_DIR, env=env
            )
        )
        processes.append(
            subprocess.Popen([*celery, "beat", "--loglevel=INFO"], cwd=BASE_DIR, env=env)
        )
        web = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"{host}:{port}"],
            cwd=BASE_DIR,
            env=env,
        )
        processes.append(web)
        if _wait_for_port(host, port, web):
            print(
                f"\n  The app is running at http://{host}:{port}/\n"
                "  Celery worker and beat are running. Press Ctrl-C to stop everything.\n"
                f"  The API (docs at http://{host}:{port}/api/v1/docs/), as the demo "
                "timekeeping integration:\n"
                f"    curl -H 'Authorization: Bearer {DEMO_KEY}' "
                f"http://{host}:{port}/api/v1/apprentices/\n",
                flush=True,
            )
        # Run until Ctrl-C or until one of the three stops by itself.
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        failed = [p for p in processes if p.poll() not in (None, 0)]
        return 1 if failed else 0
    except KeyboardInterrupt:
        return 0
    except subprocess.CalledProcessError as exc:
        print(f"\n`{' '.join(exc.cmd[1:])}` failed (exit {exc.returncode}).", file=sys.stderr)
        return exc.returncode
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in processes:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if started_db:
            print("Stopping the embedded PostgreSQL ...", flush=True)
            embedded_db.stop()


if __name__ == "__main__":
    sys.exit(main())
