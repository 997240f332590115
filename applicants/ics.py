"""A calendar invite (RFC 5545) attached to booking and interview emails, written by the
icalendar library (it folds long lines at 75 octets and escapes text as the RFC requires)."""

from datetime import UTC, datetime

import icalendar


def calendar_invite(
    *, uid: str, title: str, starts_at: datetime, ends_at: datetime, location: str, description: str
) -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Apprenticeship//Info sessions and interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", ends_at.astimezone(UTC))
    event.add("summary", title)
    event.add("location", location)
    event.add("description", description)
    calendar.add_component(event)
    return calendar.to_ical().decode()
