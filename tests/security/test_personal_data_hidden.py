"""No page a hiring manager, preceptor, instructor, coach, approver or apprentice can open shows
anyone's date of birth or SSN, in any format Django or a template could write it: every such
page of the access matrix is rendered with every person's date of birth and SSN set, and the
page is searched for each rendering and for any date that parses to the birthday."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from dateutil import parser as dateparser
from django.template.context import Context
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from accounts.models import User
from applicants.models import Person
from tests.security.test_access_matrix import EVERYONE, MATRIX, world  # noqa: F401


def _birthday() -> date:
    """A 1987 birthday half a year from the suite's today, on a day no page of the fixtures
    shows without its year (not a cohort's first Monday, not a class day, mid-month)."""
    day = timezone.localdate() + timedelta(days=182)
    while not (10 <= day.day <= 27 and day.weekday() in (1, 4, 5, 6)):
        day += timedelta(days=1)
    return day.replace(year=1987)


BIRTHDAY = _birthday()
SSN = "123-45-6789"
NOT_STAFF = ["bob", "carol", "fay", "ivy", "olga", "cody", "gus", "ed", "dana"]
FORMATS = [
    "Y-m-d", "n/j/y", "n/j/Y", "m/d/Y", "m/d/y", "d/m/Y", "j/n/Y", "d.m.Y", "j.n.Y", "F j, Y",
    "N j, Y", "M j, Y", "M. j, Y", "j F Y", "j M Y", "D, j M Y", "l, F j, Y", "F jS, Y", "F j",
    "M j", "N j", "j F", "Y", "ymd", "Ymd",
]  # fmt: skip
NUMERIC_DATE = re.compile(r"(?<![\d.])\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?![\d.])")


def renderings(day: date) -> set[str]:
    out = {day.isoformat()}
    for language in ("en", "es"):
        with translation.override(language):
            out |= {dateformat.format(day, fmt) for fmt in FORMATS}
    return out


def birthday_in(text: str) -> list[str]:
    found = [r for r in renderings(BIRTHDAY) if r in text]
    for candidate in NUMERIC_DATE.findall(text):
        for dayfirst in (False, True):
            try:
                parsed = dateparser.parse(candidate, dayfirst=dayfirst).date()
            except (ValueError, OverflowError):
                continue
            if parsed == BIRTHDAY:
                found.append(candidate)
    return found


# Pages behind the applicant's own private link show the applicant their own answers; the
# manager's approval link is public too, but read by someone else, so it is checked.
PAGES = sorted(
    [
        (name, persona)
        for name, (_, allowed, post) in MATRIX.items()
        if not post and allowed != EVERYONE
        for persona in NOT_STAFF
        if persona in allowed
    ]
    + [("applicants:approval", "gus")]
)


def test_the_search_finds_the_formats_a_planted_bug_would_use():
    b = BIRTHDAY
    assert birthday_in(f"Born {b.month}/{b.day}/87") and birthday_in(f"{b:%d/%m/%Y}")
    assert birthday_in(f"{b:%B} {b.day}") and birthday_in(b.isoformat())
    with translation.override("es"):
        spanish = dateformat.format(b, r"j \d\e F \d\e Y")
    assert birthday_in(spanish) and " de " in spanish
    other = b + timedelta(days=40)
    assert not birthday_in(f"Started {other.replace(year=2026)}, {other.month}/{other.day}/2026")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), PAGES)
def test_no_date_of_birth_or_ssn_on_pages_outside_the_program_office(
    client,
    request,
    world,  # noqa: F811
    name,
    persona,
):
    Person.objects.update(date_of_birth=BIRTHDAY)
    for person in Person.objects.all():
        person.ssn = SSN
        person.save(update_fields=["ssn"])
    kwargs, _allowed, _post = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    user = (
        User.objects.get(email="olga@example.org")
        if persona == "olga"
        else request.getfixturevalue(persona)
    )
    client.force_login(user)
    response = client.get(url, follow=True)
    if response.streaming:  # a download: its bytes, as far as they read as text
        page = b"".join(response.streaming_content).decode(errors="ignore")
    else:
        page = response.content.decode()
    assert not birthday_in(page), f"{name} shows a date of birth to {persona}"
    assert SSN not in page and "6789" not in page, f"{name} shows an SSN to {persona}"
    contexts = response.context or []
    if isinstance(contexts, Context):  # one template: one context
        contexts = [contexts]
    for context in contexts:
        for key, value in context.flatten().items():
            assert not isinstance(value, date) or value != BIRTHDAY, f"{name}: {key} in context"
