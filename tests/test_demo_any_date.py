"""The demo is lived-in whatever the day it is seeded: the Friday before a first Monday (the
newest cohort four weeks in, the next not started) and 29 February.
Each time every demo login has something to do, the RAPIDS registrations file has ready rows
and one flagged, apprentices wait for registration (one late), the program report's flags are
under a third of its apprentices, the funnel never shows a later step above an earlier one,
and graduates have their follow-ups."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cohorts.models import Apprentice
from dashboard.demo import DEMO_USERS, seed_demo
from programs.models import Track
from reminders.models import Reminder
from reports.dashboard import dashboard
from reports.program import program_report

# Each seeding takes half a minute (the suite keeps under 15): two days that hold the hard
# cases between them, and CI seeds the demo as of its drawn day in tests/clinic/test_demo.py
# (the day the clocks went back, 2027-11-07, passed here too).
DAYS = [
    date(2027, 4, 2),  # the Friday before the first Monday of April
    date(2028, 2, 29),
]


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_demo_is_lived_in_on(client, day, django_capture_on_commit_callbacks):
    moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
    with time_machine.travel(moment, tick=True):
        today = timezone.localdate()
        assert today == day
        with django_capture_on_commit_callbacks(execute=True):
            seed_demo()
        _every_login_has_something_to_do(client)
        _registrations_are_waiting_one_late(client, today)
        _the_report_flags_a_minority(today)
        _the_funnel_narrows_and_graduates_have_follow_ups(today)


def _every_login_has_something_to_do(client) -> None:
    for demo in DEMO_USERS:
        user = User.objects.get(email=demo.email)
        assert Reminder.objects.filter(user=user, done_at__isnull=True).exists(), demo.email
        client.force_login(user)
        assert client.get(reverse("dashboard:home")).status_code == 200, demo.email


def _registrations_are_waiting_one_late(client, today) -> None:
    waiting = Apprentice.objects.filter(status=Apprentice.Status.PENDING_REGISTRATION)
    within = [a for a in waiting if (today - a.employment_start).days < 45]
    late = [a for a in waiting if (today - a.employment_start).days >= 45]
    assert within and len(late) == 1
    client.force_login(User.objects.get(email="grace@example.org"))
    page = client.get(reverse("reports:rapids")).content.decode()
    assert page.count("Apprentice 5-Digit Zip Code is missing.") == 1
    assert "Ready" in page
    # Every status is shown somewhere in the demo.
    statuses = set(Apprentice.objects.values_list("status", flat=True))
    assert set(Apprentice.Status.values) <= statuses


def _the_report_flags_a_minority(today) -> None:
    for track in Track.objects.all():
        report = program_report(
            track=track, start=today - timedelta(days=364), end=today, today=today
        )
        assert report.flagged < report.total / 3, (track, report.flagged, report.total)
        figures = dict(report.figures)
        assert int(figures["New registrations"]) > 0
        assert report.mismatches == []


def _the_funnel_narrows_and_graduates_have_follow_ups(today) -> None:
    tables = {
        t.key: t
        for t in dashboard(track_id=None, start=today - timedelta(days=364), end=today, today=today)
    }
    funnel = tables["funnel"].rows
    assert funnel
    for row in funnel:
        assert row[1:] == sorted(row[1:], reverse=True), row
    assert tables["time_to_hire"].rows
    graduates = {row[0]: row for row in tables["graduates"].rows}
    assert graduates["6 months"][3] > 0 and graduates["12 months"][3] > 0
