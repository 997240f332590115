"""Calendar arithmetic shared by every app: monthly intakes and cohorts, weeks of timesheets."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Q

FIRST_YEAR, LAST_YEAR = 1900, 2200


def age_on(born: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month (negative goes back)."""
    return day.replace(day=1) + relativedelta(months=months)


def parse_month(value: str) -> date | None:
    """``2026-11`` as the first of that month; anything else (``0-1``, ``99999-1``, text with a
    NUL byte) is None, never an exception."""
    try:
        month = datetime.strptime(value.strip(), "%Y-%m").date()
    except (ValueError, TypeError):
        return None
    return month if FIRST_YEAR <= month.year <= LAST_YEAR else None


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (timesheet weeks run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def in_force(today: date, prefix: str = "") -> Q:
    """A support assignment that holds on `today`: started, and not ended before it (ends_on is
    its last day). A coach given an apprentice from tomorrow sees them from tomorrow."""
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )
