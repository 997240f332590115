"""The parts every rule is made of: what is due, to whom, and the helpers that
address it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import STAFF_ROLES


@dataclass(frozen=True)
class Due:
    object_id: int
    email: str
    title: str
    url: str = ""
    user_id: int | None = None
    language: str = "en"
    period: str = ""


@dataclass(frozen=True)
class Person:
    user_id: int | None
    email: str
    language: str


class Rule:
    code = ""
    label = ""  # each rule names itself (translated) and whom it goes to
    audience = ""
    days = 0
    escalate_days: int | None = None
    optional = False  # people may unsubscribe from its emails
    secret_link = False  # the email's link is private (a token): built at send time only

    def find(self, *, now: datetime, today: date, days: int) -> list[Due]:
        raise NotImplementedError

    def open_now(self, now: datetime) -> QuerySet:
        """What is still due, as a queryset of the objects this rule reminds about."""
        raise NotImplementedError

    def still_due(self, object_ids: Iterable[int], *, now: datetime) -> set[int]:
        """Of these objects, the ones still due: one query whatever their number."""
        return set(self.open_now(now).filter(pk__in=list(object_ids)).values_list("pk", flat=True))

    def email_link(self, object_id: int) -> str:
        return ""

    def title(self, language: str, text: str, **values) -> str:
        """The reminder's line in the recipient's language, dates written the way it writes
        them ("Nov 20", "20 nov")."""
        with translation.override(language):
            shown = {
                k: date_format(v, "MONTH_DAY_FORMAT") if isinstance(v, date) else v
                for k, v in values.items()
            }
            return _(text) % shown


def _staff() -> list[Person]:
    return [
        Person(pk, email, language)
        for pk, email, language in User.objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
        .distinct()
        .values_list("pk", "email", "preferred_language")
    ]


def _accounts(emails: list[str]) -> dict[str, int]:
    """Signed-in people behind email addresses (they also see it under Notifications)."""
    return {
        email.lower(): pk
        for pk, email in User.objects.filter(is_active=True, email__in=emails).values_list(
            "pk", "email"
        )
    }


def _to_staff(rule: Rule, rows: Iterable, text: str, url_of, values_of) -> list[Due]:
    staff = _staff()
    return [
        Due(
            object_id=row.pk,
            email=person.email,
            user_id=person.user_id,
            language=person.language,
            title=rule.title(person.language, text, **values_of(row)),
            url=url_of(row),
        )
        for row in rows
        for person in staff
    ]


def _to_the_apprentice(rule: Rule, rows: QuerySet, field: str, url_of, text_of, values_of):
    """A reminder to the apprentice the object belongs to (signed in here), one per object:
    `field` is read with each row and passed to the url, text and values callables."""
    found = rows.filter(apprentice__person__user__is_active=True).values_list(
        "pk",
        field,
        "apprentice__person__user_id",
        "apprentice__person__user__email",
        "apprentice__person__user__preferred_language",
    )
    return [
        Due(
            object_id=pk,
            email=email,
            user_id=user_id,
            language=language,
            url=url_of(pk, value),
            title=rule.title(language, text_of(value), **values_of(value)),
        )
        for pk, value, user_id, email, language in found
    ]
