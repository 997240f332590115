"""Records retention: EEO answers and the records of applicants who did not become
apprentices are kept RETENTION_YEARS (five), then purged. Apprentice records (and the
application behind each) are kept as the program requires and never purged here.

Run daily by Celery beat; running it twice purges nothing more (idempotent).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, Greatest
from django.utils import timezone

from accounts.models import User, UserHistory, UserRoleHistory
from accounts.roles import Role
from applicants.models import (
    Application,
    ApplicationHistory,
    Document,
    Person,
    ScreeningHistory,
    SelfIdentification,
    SessionBooking,
    TestResultHistory,
)
from hiring.models import OfferHistory, Release, ReleaseHistory
from notifications.models import OutboundEmail
from notifications.services import email_enqueue
from retention.models import RetentionRun

BATCH = 500


def retention_cutoff(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - settings.RETENTION_YEARS)
    except ValueError:  # February 29th
        return now.replace(year=now.year - settings.RETENTION_YEARS, day=28)


def applications_past_retention(cutoff: datetime):
    """Applications that never became an apprenticeship, untouched since before `cutoff`."""
    return (
        Application.objects.filter(apprentice__isnull=True)
        .alias(last_active=Greatest("created_at", "step_changed_at"))
        .filter(last_active__lt=cutoff)
    )


@transaction.atomic
def retention_purge(*, now: datetime | None = None) -> RetentionRun:
    cutoff = retention_cutoff(now)
    counts = dict.fromkeys(
        [
            "applications",
            "people",
            "applicant_accounts",
            "documents",
            "self_identifications",
            "info_session_bookings",
            "emails",
            "history_entries",
        ],
        0,
    )
    with pghistory.context(url="retention purge"):
        application_ids = list(applications_past_retention(cutoff).values_list("pk", flat=True))
        person_ids = set(
            Application.objects.filter(pk__in=application_ids).values_list("person_id", flat=True)
        )
        for start in range(0, len(application_ids), BATCH):
            batch = application_ids[start : start + BATCH]
            for document in Document.objects.filter(application_id__in=batch):
                # The file goes once the rows are gone for good, not if the purge rolls back.
                transaction.on_commit(partial(document.file.storage.delete, document.file.name))
                counts["documents"] += 1
            release_ids = list(
                Release.objects.filter(application_id__in=batch).values_list("pk", flat=True)
            )
            Release.objects.filter(pk__in=release_ids).delete()
            counts["self_identifications"] += SelfIdentification.objects.filter(
                application_id__in=batch
            ).count()
            counts["applications"] += (
                Application.objects.filter(pk__in=batch)
                .delete()[1]
                .get("applicants.Application", 0)
            )
            counts["history_entries"] += (
                _forget(ApplicationHistory, pgh_obj_id__in=batch)
                + _forget(TestResultHistory, application_id__in=batch)
                + _forget(ScreeningHistory, application_id__in=batch)
                + _forget(ReleaseHistory, application_id__in=batch)
                + _forget(OfferHistory, release_id__in=release_ids)
            )
        people, user_ids = _people_without_records(person_ids)
        counts["people"], counts["applicant_accounts"] = people, len(user_ids)
        counts["history_entries"] += _forget(UserHistory, pgh_obj_id__in=user_ids) + _forget(
            UserRoleHistory, user_id__in=user_ids
        )
        # EEO answers of everyone else (apprentices included) after five years.
        counts["self_identifications"] += SelfIdentification.objects.filter(
            answered_at__lt=cutoff
        ).delete()[0]
        counts["info_session_bookings"] = SessionBooking.objects.filter(
            created_at__lt=cutoff
        ).delete()[0]
        counts["emails"] = OutboundEmail.objects.filter(created_at__lt=cutoff).delete()[0]
    run = RetentionRun.objects.create(cutoff=cutoff, counts=counts)
    _report(run)
    return run


def _forget(history, **lookup) -> int:
    """Delete the change history of purged records: the one deletion the append-only history
    allows, so that a purged applicant leaves no name, email or note behind."""
    with pgtrigger.ignore(f"{history._meta.label}:append_only"):
        return history.objects.filter(**lookup).delete()[0]


def _people_without_records(person_ids: set[int]) -> tuple[int, list[int]]:
    """Delete the people left with no application and no apprenticeship; close the accounts
    that only ever applied (names and emails removed, never signed in again). Returns the
    number of people and the ids of the accounts closed."""
    orphans = Person.objects.filter(
        pk__in=person_ids, applications__isnull=True, apprenticeships__isnull=True
    )
    user_ids = list(orphans.exclude(user=None).values_list("user_id", flat=True))
    people = orphans.delete()[0]
    applicant_only = User.objects.filter(pk__in=user_ids).exclude(
        groups__name__in=[r for r in Role.values if r != Role.APPLICANT]
    )
    closed = list(applicant_only.values_list("pk", flat=True))
    User.objects.filter(pk__in=closed).update(
        is_active=False,
        full_name="Purged applicant",
        email=_purged_email(),
        password=make_password(None),  # unusable
    )
    return people, closed


def _purged_email():
    return Concat(
        Value("purged-"),
        Cast(F("pk"), CharField()),
        Value("@invalid.example"),
        output_field=CharField(),
    )


def _report(run: RetentionRun) -> None:
    """Tell the program admins what was purged (counts only)."""
    if not run.total:
        return
    lines = "\n".join(f"- {label}: {n}" for label, n in run.purged)
    body = (
        f"The records retention purge of {run.ran_at:%B %d, %Y} removed records last active "
        f"before {run.cutoff:%B %d, %Y} ({settings.RETENTION_YEARS} years):\n\n{lines}\n\n"
        "Apprentice records are kept. The audit log lists each run."
    )
    for admin in User.objects.with_role(Role.PROGRAM_ADMIN).filter(is_active=True):
        email_enqueue(
            key=f"retention-{run.pk}-{admin.pk}",
            to=admin.email,
            subject="Records retention: what was purged",
            body=body,
        )
