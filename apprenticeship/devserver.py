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
from devsso.users import CLIENT_ID as SSO_CLIENT_ID
from devsso.users import CLIENT_SECRET as SSO_CLIENT_SECRET
from devsso.users import PASSWORD as SSO_PASSWORD
from devsso.users import USERS as SSO_USERS

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
    sso = os.environ.get("SSO", "") not in ("", "0")
    sso_port = int(os.environ.get("SSO_PORT") or "9100")  # make exports it empty when unset
    if sso and _port_in_use("127.0.0.1", sso_port):
        print(
            f"\nPort {sso_port} is in use: choose another for the provider: "
            "make run SSO=1 SSO_PORT=9101\n",
            file=sys.stderr,
        )
        return 1
    if sso:
        # The local OpenID Connect provider (devsso) beside the app, its people the demo's.
        env.update(
            OIDC_ISSUER=f"http://127.0.0.1:{sso_port}/o",
            OIDC_CLIENT_ID=SSO_CLIENT_ID,
            OIDC_CLIENT_SECRET=SSO_CLIENT_SECRET,
            OIDC_SCOPES="openid email profile groups",
            OIDC_PROVIDER_NAME="Demo Health",
        )
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
        if sso:
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "devsso",
                        "--port",
                        str(sso_port),
                        "--redirect",
                        env["SITE_URL"],
                        "--data-dir",
                        str(BASE_DIR / ".data" / "devsso"),
                    ],
                    cwd=BASE_DIR,
                )
            )
        # runserver serves each request on a new thread: a kept connection per thread soon
        # exhausts the embedded PostgreSQL under a burst ("too many clients"), so the
        # development server closes its connection after each request.
        web = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"{host}:{port}"],
            cwd=BASE_DIR,
            env={"CONN_MAX_AGE": "0", **env},
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
            if sso:
                print(
                    f"  Single sign-on: the local provider runs at http://127.0.0.1:{sso_port}/ "
                    "(Demo Health). On the sign-in page choose 'Sign in with Demo Health':\n"
                    f"    {', '.join(SSO_USERS)} (password {SSO_PASSWORD}; nina is new here, "
                    "otto's group has no role)\n",
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
