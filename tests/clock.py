"""The suite's one clock: every test runs as of one `today`, frozen at the start of the run.

`make test TODAY=2027-06-04` (and optionally `NOW=23:30`) runs the whole suite as of that day in
the program's time zone; without TODAY it is the real date. The clock ticks from there, so
timeouts and the live server behave, but every test of a run sees the same calendar day.
Child processes the suite starts (a real Celery worker) travel to the same instant through
`python_travelling()`.
"""

from __future__ import annotations

import os
import zoneinfo
from datetime import date, datetime, time

import time_machine

DEFAULT_TIME = time(10, 0)
_traveller: time_machine.travel | None = None
_started_at: datetime | None = None


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(os.environ.get("TIME_ZONE", "America/Chicago"))


def chosen_moment() -> datetime:
    """TODAY (YYYY-MM-DD) at NOW (HH:MM, 10:00 unless given) in the program's time zone."""
    zone = _zone()
    raw_day = os.environ.get("TODAY", "").strip()
    day = date.fromisoformat(raw_day) if raw_day else datetime.now(zone).date()
    raw_time = os.environ.get("NOW", "").strip()
    at = time.fromisoformat(raw_time) if raw_time else DEFAULT_TIME
    return datetime.combine(day, at, tzinfo=zone)


def start() -> datetime:
    global _traveller, _started_at
    _started_at = chosen_moment()
    _traveller = time_machine.travel(_started_at, tick=True)
    _traveller.start()
    return _started_at


def stop() -> None:
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


def started_at() -> datetime:
    assert _started_at is not None, "the suite's clock has not started"
    return _started_at


def python_travelling(module_args: list[str]) -> list[str]:
    """`python -m <module_args>` for a child process that starts at the suite's clock's now."""
    import sys
    from datetime import UTC

    now = datetime.now(UTC).isoformat()
    code = (
        "import runpy, sys, time_machine; "
        f"time_machine.travel({now!r}, tick=True).start(); "
        f"sys.argv = {module_args!r}; "
        f"runpy.run_module({module_args[0]!r}, run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", code]


def first_monday(today: date, months_ahead: int) -> date:
    """The first Monday of the month `months_ahead` after today's (cohorts start then)."""
    from apprenticeship.dates import add_months
    from cohorts.services import first_weekday_of_month

    return first_weekday_of_month(add_months(today, months_ahead))
