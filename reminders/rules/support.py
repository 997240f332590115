"""Reminders of support: follow-ups due."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from apprenticeship.dates import in_force
from reminders.rules.base import (
    Due,
    Rule,
)
from support.models import SupportAction, SupportAssignment


class SupportFollowUp(Rule):
    code = "support_follow_up"
    label = gettext_lazy("Support follow-up due")
    audience = gettext_lazy("The apprentice's coach")
    days = 0
    escalate_days = 7

    def find(self, *, now, today, days):
        due = SupportAction.objects.filter(
            done_on__isnull=True, follow_up_on__lte=today - timedelta(days=days)
        )
        # An action of a confidential check-in follows the note's own visibility: it reminds
        # its author only, and says nothing of what it is (an escalation carries the title to
        # program staff, who cannot read the note).
        confidential = due.filter(
            check_in__confidential=True, check_in__author__is_active=True
        ).values_list(
            "pk",
            "apprentice_id",
            "apprentice__person__first_name",
            "apprentice__person__last_name",
            "check_in__author_id",
            "check_in__author__email",
            "check_in__author__preferred_language",
        )
        private = [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("support:apprentice", args=[apprentice_id]),
                title=self.title(
                    language,
                    gettext_noop("Follow up with %(person)s: an action of your confidential note"),
                    person=f"{first} {last}",
                ),
            )
            for pk, apprentice_id, first, last, user_id, email, language in confidential
        ]
        rows = (
            due.filter(
                in_force(today, "apprentice__supporters__"),
                check_in__confidential=False,
                apprentice__supporters__kind=SupportAssignment.Kind.COACH,
                apprentice__supporters__person__is_active=True,
            )
            .values_list(
                "pk",
                "description",
                "apprentice_id",
                "apprentice__person__first_name",
                "apprentice__person__last_name",
                "apprentice__supporters__person_id",
                "apprentice__supporters__person__email",
                "apprentice__supporters__person__preferred_language",
            )
            .distinct()
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("support:apprentice", args=[apprentice_id]),
                title=self.title(
                    language,
                    gettext_noop("Follow up with %(person)s: %(action)s"),
                    person=f"{first} {last}",
                    action=description,
                ),
            )
            for pk, description, apprentice_id, first, last, user_id, email, language in rows
        ] + private

    def open_now(self, now):
        return SupportAction.objects.filter(done_on__isnull=True)
