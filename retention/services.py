"""Records retention: EEO answers and the records of applicants who did not become
apprentices are kept RETENTION_YEARS (five), then purged. Apprentice records (and the
application behind each) are kept as the program requires and never purged here.

Run daily by Celery beat; running it twice purges nothing more (idempotent).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, Greatest, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User, UserHistory, UserRoleHistory
from accounts.roles import Role
from applicants.models import (
    Application,
    ApplicationHistory,
    DisabilityAnswer,
    DisabilityInvitation,
    Document,
    Person,
    ScreeningHistory,
    SelfIdentification,
    SessionBooking,
    TestResultHistory,
)
from audit.services import personal_data_record
from hiring.models import OfferHistory, Release, ReleaseHistory
from notifications.models import OutboundEmail
from notifications.services import email_enqueue
from retention.models import RecordsHold, RetentionRun

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


def holds_in_force(day: date) -> QuerySet[RecordsHold]:
    """The holds on the purge on `day`: begun, not ended, not lifted."""
    return RecordsHold.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day, lifted_at__isnull=True
    )


@transaction.atomic
def hold_place(
    *,
    reason: str,
    note: str,
    starts_on: date,
    ends_on: date | None,
    whole_program: bool,
    emails: list[str],
    by: User,
) -> RecordsHold:
    """Hold the records of named applicants (by the email they applied with), or of the whole
    program, from the purge (29 CFR 30.12(b))."""
    emails = sorted({e.strip().lower() for e in emails if e.strip()})
    if not whole_program and not emails:
        raise ValidationError(_("Name the applicants held (their emails) or hold every record."))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(_("The hold ends before it starts."))
    people = (
        list(Person.objects.annotate(address=Lower("email")).filter(address__in=emails))
        if emails
        else []
    )
    unknown = sorted(set(emails) - {p.email.lower() for p in people})
    if unknown:
        raise ValidationError(
            _("No applicant has these emails: %(emails)s.") % {"emails": ", ".join(unknown)}
        )
    hold = RecordsHold(
        reason=reason,
        note=note.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        whole_program=whole_program,
        placed_by=by,
    )
    hold.full_clean()
    hold.save()
    hold.people.set(people)
    personal_data_record(
        actor=by, obj=hold, fields=["applicants held"], action="change", purpose=reason
    )
    return hold


@transaction.atomic
def hold_lift(*, hold: RecordsHold, by: User) -> RecordsHold:
    """The hold ends today: what it kept is purged on the next run, if its time is past."""
    hold = RecordsHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise ValidationError(_("This hold is already lifted."))
    hold.lifted_at, hold.lifted_by = timezone.now(), by
    hold.save(update_fields=["lifted_at", "lifted_by"])
    return hold


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
            "disability_answers",
            "info_session_bookings",
            "emails",
            "history_entries",
        ],
        0,
    )
    holds = list(holds_in_force(timezone.localdate(now)).prefetch_related("people"))
    noted = [
        f"{h.get_reason_display()}: {h.note} ("
        + ("every record" if h.whole_program else f"{h.people.count()} applicant(s)")
        + ")"
        for h in holds
    ]
    if any(h.whole_program for h in holds):
        # A hold on every record pauses the purge altogether.
        counts["held_applications"] = applications_past_retention(cutoff).count()
        run = RetentionRun.objects.create(cutoff=cutoff, counts=counts, holds=noted)
        _report(run)
        return run
    held_people = {p.pk for h in holds for p in h.people.all()}
    with pghistory.context(url="retention purge"):
        due = applications_past_retention(cutoff)
        counts["held_applications"] = due.filter(person_id__in=held_people).count()
        application_ids = list(due.exclude(person_id__in=held_people).values_list("pk", flat=True))
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
        held_emails = list(
            Person.objects.filter(pk__in=held_people).values_list("email", flat=True)
        )
        counts["self_identifications"] += (
            SelfIdentification.objects.filter(answered_at__lt=cutoff)
            .exclude(application__person_id__in=held_people)
            .delete()[0]
        )
        counts["disability_answers"] = (
            DisabilityAnswer.objects.filter(answered_at__lt=cutoff)
            .exclude(person_id__in=held_people)
            .delete()[0]
        )
        DisabilityInvitation.objects.filter(sent_at__lt=cutoff).exclude(
            person_id__in=held_people
        ).delete()
        counts["info_session_bookings"] = (
            SessionBooking.objects.filter(created_at__lt=cutoff)
            .exclude(email__in=held_emails)
            .delete()[0]
        )
        counts["emails"] = (
            OutboundEmail.objects.filter(created_at__lt=cutoff)
            .exclude(to__in=held_emails)
            .delete()[0]
        )
    run = RetentionRun.objects.create(cutoff=cutoff, counts=counts, holds=noted)
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
    """Tell the program admins what was purged (counts only) and what holds kept."""
    if not run.total and not run.held:
        return
    lines = "\n".join(f"- {label}: {n}" for label, n in run.purged) or "- nothing"
    held = ""
    if run.holds:
        held = f"\n\nKept under a hold ({run.held} application(s) past their time):\n" + "\n".join(
            f"- {h}" for h in run.holds
        )
    body = (
        f"The records retention purge of {run.ran_at:%B %d, %Y} removed records last active "
        f"before {run.cutoff:%B %d, %Y} ({settings.RETENTION_YEARS} years):\n\n{lines}{held}\n\n"
        "Apprentice records are kept. The audit log lists each run."
    )
    for admin in User.objects.with_role(Role.PROGRAM_ADMIN).filter(is_active=True):
        email_enqueue(
            key=f"retention-{run.pk}-{admin.pk}",
            to=admin.email,
            subject="Records retention: what was purged",
            body=body,
        )
