"""Reminders of the apprenticeship agreement (29 CFR 29.7): signatures and
amendments due."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from cohorts.models import Apprentice
from reminders.rules.base import (
    Due,
    Rule,
    _to_staff,
    _to_the_apprentice,
)
from wages.agreements import amendment_events
from wages.models import Agreement


class AgreementNotSigned(Rule):
    """29 CFR 29.7: registration waits for the agreement the apprentice signs (on their
    phone, signed in); an amendment too."""

    code = "agreement_not_signed"
    label = gettext_lazy("Apprenticeship agreement waiting for the apprentice's signature")
    audience = gettext_lazy("The apprentice")
    days = 2
    escalate_days = 5

    def open_now(self, now):
        return Agreement.objects.filter(
            apprentice_signed_at__isnull=True,
            apprentice__status__in=[
                Apprentice.Status.PENDING_REGISTRATION,
                Apprentice.Status.PROBATION,
                Apprentice.Status.ACTIVE,
                Apprentice.Status.SUSPENDED,
            ],
        )

    def find(self, *, now, today, days):
        rows = self.open_now(now).filter(created_at__date__lte=today - timedelta(days=days))
        return _to_the_apprentice(
            self,
            rows,
            "kind",
            lambda pk, kind: reverse("wages:my_agreement"),
            lambda kind: (
                gettext_noop("Sign your apprenticeship agreement")
                if kind == Agreement.Kind.ORIGINAL
                else gettext_noop("Sign the amendment of your apprenticeship agreement")
            ),
            lambda kind: {},
        )


class AgreementNotCountersigned(Rule):
    code = "agreement_not_countersigned"
    label = gettext_lazy("Apprenticeship agreement waiting for the sponsor's countersignature")
    audience = gettext_lazy("The sponsor's signatory")
    days = 1
    escalate_days = 3

    def open_now(self, now):
        return Agreement.objects.filter(
            apprentice_signed_at__isnull=False, sponsor_signed_at__isnull=True
        )

    def find(self, *, now, today, days):
        rows = (
            self.open_now(now)
            .filter(
                apprentice_signed_at__date__lte=today - timedelta(days=days),
                apprentice__cohort__track__program__agreement_signatory__is_active=True,
            )
            .values_list(
                "pk",
                "apprentice_id",
                "apprentice__person__first_name",
                "apprentice__person__last_name",
                "apprentice__cohort__track__program__agreement_signatory_id",
                "apprentice__cohort__track__program__agreement_signatory__email",
                "apprentice__cohort__track__program__agreement_signatory__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("wages:apprentice", args=[apprentice_id]) + "#agreement",
                title=self.title(
                    language,
                    gettext_noop("Countersign the agreement %(person)s signed"),
                    person=f"{first} {last}",
                ),
            )
            for pk, apprentice_id, first, last, user_id, email, language in rows
        ]


class AmendmentDue(Rule):
    code = "amendment_due"
    label = gettext_lazy("Amendment of an apprenticeship agreement due")
    audience = gettext_lazy("Program staff")
    days = 3

    def open_now(self, now):
        return amendment_events()

    def find(self, *, now, today, days):
        rows = self.open_now(now).filter(at__date__lte=today - timedelta(days=days))
        return _to_staff(
            self,
            rows.select_related("apprentice__person"),
            gettext_noop("Prepare the amendment of %(person)s's agreement (%(day)s)"),
            lambda e: reverse("wages:apprentice", args=[e.apprentice_id]) + "#agreement",
            lambda e: {"person": e.apprentice.person, "day": e.effective_on},
        )
