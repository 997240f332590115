"""Calendar invites follow RFC 5545: lines folded at 75 octets, text escaped, times in UTC."""

from datetime import UTC, datetime, timedelta

import icalendar

from applicants.ics import calendar_invite


def test_long_lines_are_folded_and_the_invite_reads_back():
    start = datetime(2027, 1, 12, 15, 0, tzinfo=UTC)
    link = "https://apprentice.example.org/apply/sessions/cancel/" + "a" * 43 + "/"
    text = calendar_invite(
        uid="info-session-1-2@apprenticeship",
        title="Info session; bring ID, please",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Workforce Development, 4480 Clayton Ave",
        description=f"To cancel your seat: {link}",
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["description"]) == f"To cancel your seat: {link}"
    assert str(event["summary"]) == "Info session; bring ID, please"
    assert event.decoded("dtstart") == start
