"""Reminders of hiring: releases to review, scorecards, onboarding items."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from hiring.models import Interview, OnboardingItem, Release, Requisition, Scorecard
from reminders.rules.base import (
    Due,
    Rule,
)

# --- hiring ------------------------------------------------------------------------------------


class ReleaseNotReviewed(Rule):
    code = "release_not_reviewed"
    label = gettext_lazy("Released candidates not reviewed")
    audience = gettext_lazy("Hiring manager")
    days = 2
    escalate_days = 5

    def _open(self):
        return Release.objects.filter(
            status=Release.Status.RELEASED, requisition__status=Requisition.Status.OPEN
        )

    def find(self, *, now, today, days):
        rows = (
            self._open()
            .filter(
                released_at__lte=now - timedelta(days=days),
                requisition__department__hiring_managers__is_active=True,
            )
            .values_list(
                "pk",
                "application__person__first_name",
                "application__person__last_name",
                "requisition__department__hiring_managers__id",
                "requisition__department__hiring_managers__email",
                "requisition__department__hiring_managers__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("hiring:candidate", args=[pk]),
                title=self.title(
                    language,
                    gettext_noop("Review %(person)s, released to you"),
                    person=f"{first} {last}",
                ),
            )
            for pk, first, last, user_id, email, language in rows
        ]

    def open_now(self, now):
        return self._open()


class ScorecardMissing(Rule):
    code = "scorecard_missing"
    label = gettext_lazy("Interview scorecard missing")
    audience = gettext_lazy("Interview panel member")
    days = 1
    escalate_days = 3

    def _missing(self):
        return Interview.panel.through.objects.exclude(
            Exists(
                Scorecard.objects.filter(interview=OuterRef("interview"), panelist=OuterRef("user"))
            )
        )

    def find(self, *, now, today, days):
        rows = self._missing().filter(
            interview__starts_at__lte=now - timedelta(days=days), user__is_active=True
        )
        return [
            Due(
                object_id=row.pk,  # the panel seat: one reminder per member, cleared by theirs
                email=row.user.email,
                user_id=row.user_id,
                language=row.user.preferred_language,
                url=reverse("hiring:scorecard", args=[row.interview_id]),
                title=self.title(
                    row.user.preferred_language,
                    gettext_noop("Your scorecard for %(person)s's interview"),
                    person=row.interview.release.application.person,
                ),
            )
            for row in rows.select_related("user", "interview__release__application__person")
        ]

    def open_now(self, now):
        return self._missing()


class OnboardingOverdue(Rule):
    code = "onboarding_overdue"
    label = gettext_lazy("Onboarding item overdue")
    audience = gettext_lazy("Hiring manager of the department")
    days = 0
    escalate_days = 3

    def _open(self):
        return OnboardingItem.objects.filter(
            done_at__isnull=True, release__status=Release.Status.ACCEPTED
        )

    def find(self, *, now, today, days):
        rows = (
            self._open()
            .filter(
                due_on__lt=today - timedelta(days=days),
                release__requisition__department__hiring_managers__is_active=True,
            )
            .values_list(
                "pk",
                "title",
                "owner",
                "release_id",
                "release__application__person__first_name",
                "release__application__person__last_name",
                "release__requisition__department__hiring_managers__id",
                "release__requisition__department__hiring_managers__email",
                "release__requisition__department__hiring_managers__preferred_language",
            )
        )
        return [
            Due(
                object_id=pk,
                email=email,
                user_id=user_id,
                language=language,
                url=reverse("hiring:candidate", args=[release_id]),
                title=self.title(
                    language,
                    gettext_noop("Overdue for %(person)s: %(item)s (%(owner)s)"),
                    person=f"{first} {last}",
                    item=title,
                    owner=owner,
                ),
            )
            for pk, title, owner, release_id, first, last, user_id, email, language in rows
        ]

    def open_now(self, now):
        return self._open()
