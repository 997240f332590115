from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applicants.models import Application
from applicants.selectors import application_screening_cleared
from applicants.services import application_move
from cohorts.models import Apprentice, Cohort
from cohorts.services import cohort_enroll
from hiring.models import Offer, OnboardingItem, Release, Requisition
from notifications.services import email_enqueue_template
from programs.models import Department, Track

Step = Application.Step

# The program's onboarding checklist: (item, owner, days after acceptance it is due).
ONBOARDING_CHECKLIST = [
    ("HR paperwork", "HR", 3),
    ("I-9 employment eligibility", "HR", 3),
    ("Badge photo and ID badge", "Security", 5),
    ("New-employee orientation", "HR", 7),
    ("EHR access and training", "IT", 7),
    ("Uniform / scrubs fitting", "Department", 7),
]


@transaction.atomic
def requisition_open(
    *,
    department: Department,
    track: Track,
    cohort: Cohort,
    positions: int,
    location: str,
    shift: str,
    opened_by: User,
) -> Requisition:
    if cohort.track_id != track.pk:
        raise ValidationError("The target cohort is of another track.")
    requisition = Requisition(
        department=department,
        track=track,
        cohort=cohort,
        positions=positions,
        location=location,
        shift=shift,
        opened_by=opened_by,
    )
    requisition.full_clean()
    requisition.save()
    return requisition


@transaction.atomic
def requisition_approve(*, requisition: Requisition, by: User) -> Requisition:
    if requisition.status != Requisition.Status.PENDING:
        raise ValidationError("Only a requisition waiting for approval can be approved.")
    requisition.status = Requisition.Status.OPEN
    requisition.approved_by, requisition.approved_at = by, timezone.now()
    requisition.save(update_fields=["status", "approved_by", "approved_at"])
    return requisition


@transaction.atomic
def candidates_release(
    *, requisition: Requisition, applications: Iterable[Application], note: str, by: User
) -> int:
    """Release ready-for-hire candidates of the requisition's track to its hiring managers."""
    if requisition.status != Requisition.Status.OPEN:
        raise ValidationError("Candidates are released to an open requisition.")
    released = 0
    for application in applications:
        if application.step != Step.READY_FOR_HIRE or application.track_id != requisition.track_id:
            raise ValidationError(f"{application.person} is not ready for hire in this track.")
        _release, created = Release.objects.get_or_create(
            requisition=requisition,
            application=application,
            defaults={"released_by": by, "shareable_note": note},
        )
        released += created
    return released


def _email_candidate(release: Release, template: str, key: str, **context) -> None:
    person = release.application.person
    email_enqueue_template(
        key=key,
        to=person.email,
        template=f"hiring/email/{template}",
        context={"person": person, "requisition": release.requisition, **context},
        language=person.preferred_language,
    )


@transaction.atomic
def offer_record(
    *, release: Release, made_on: date, position_title: str, hourly_rate: Decimal, made_by: User
) -> Offer:
    """A verbal offer. Refused unless background check and drug screen are cleared."""
    application = release.application
    if not application_screening_cleared(application):
        raise ValidationError("The background check and drug screen must be cleared first.")
    if release.status != Release.Status.RELEASED or application.step not in {
        Step.READY_FOR_HIRE,
        Step.INTERVIEWING,
    }:
        raise ValidationError("This candidate cannot receive an offer now.")
    offer = Offer(
        release=release,
        made_on=made_on,
        position_title=position_title,
        hourly_rate=hourly_rate,
        made_by=made_by,
    )
    offer.full_clean()
    offer.save()
    if application.step == Step.READY_FOR_HIRE:
        application_move(application=application, to_step=Step.INTERVIEWING, by=made_by)
    application_move(
        application=application,
        to_step=Step.OFFERED,
        by=made_by,
        reason=f"Verbal offer by {made_by}: {position_title}, ${hourly_rate}/h",
    )
    release.status = Release.Status.OFFERED
    release.save(update_fields=["status"])
    _email_candidate(release, "offer_recorded", f"offer:{offer.pk}", offer=offer)
    return offer


@transaction.atomic
def offer_answer(
    *, offer: Offer, accepted: bool, answered_on: date, reason: str, by: User
) -> Offer:
    """The candidate's verbal answer. Accepting starts onboarding and fills the requisition
    when every position is taken; declining returns the candidate to the pool."""
    if offer.answer != Offer.Answer.PENDING:
        raise ValidationError("This offer was already answered.")
    if not accepted and not reason.strip():
        raise ValidationError("Record why the candidate declined.")
    release, application = offer.release, offer.release.application
    offer.answer = Offer.Answer.ACCEPTED if accepted else Offer.Answer.DECLINED
    offer.answered_on, offer.decline_reason = answered_on, reason
    offer.save()
    if not accepted:
        release.status = Release.Status.DECLINED
        release.save(update_fields=["status"])
        application_move(
            application=application,
            to_step=Step.READY_FOR_HIRE,
            by=by,
            reason=f"Declined the offer: {reason}",
        )
        return offer
    release.status = Release.Status.ACCEPTED
    release.save(update_fields=["status"])
    application.releases.exclude(pk=release.pk).update(status=Release.Status.PLACED_ELSEWHERE)
    application_move(application=application, to_step=Step.ACCEPTED, by=by)
    application_move(application=application, to_step=Step.ONBOARDING, by=by)
    OnboardingItem.objects.bulk_create(
        [
            OnboardingItem(
                release=release, title=title, owner=owner, due_on=answered_on + timedelta(days=days)
            )
            for title, owner, days in ONBOARDING_CHECKLIST
        ]
    )
    requisition = release.requisition
    if (
        requisition.releases.filter(
            status__in=[Release.Status.ACCEPTED, Release.Status.ENROLLED]
        ).count()
        >= requisition.positions
    ):
        requisition.status, requisition.filled_at = Requisition.Status.FILLED, timezone.now()
        requisition.save(update_fields=["status", "filled_at"])
    _email_candidate(
        release, "next_steps", f"accepted:{offer.pk}", offer=offer, checklist=ONBOARDING_CHECKLIST
    )
    return offer


@transaction.atomic
def onboarding_item_done(*, item: OnboardingItem, by: User) -> OnboardingItem:
    if item.done_at is None:
        item.done_at, item.done_by = timezone.now(), by
        item.save(update_fields=["done_at", "done_by"])
    return item


@transaction.atomic
def onboarding_complete(*, release: Release, by: User) -> Apprentice:
    """All items done: enrol the candidate in the target cohort, all or nothing."""
    if release.status != Release.Status.ACCEPTED:
        raise ValidationError("Only an accepted candidate can be enrolled.")
    if release.onboarding.filter(done_at__isnull=True).exists():
        raise ValidationError("Finish every onboarding item first.")
    requisition = release.requisition
    apprentice = cohort_enroll(
        application=release.application,
        cohort=requisition.cohort,
        department=requisition.department,
        employment_start=requisition.cohort.start_date,
        hourly_rate=release.offer.hourly_rate,
        enrolled_by=by,
    )
    application_move(
        application=release.application,
        to_step=Step.ENROLLED,
        by=by,
        reason=f"Enrolled in {requisition.cohort}",
    )
    release.status = Release.Status.ENROLLED
    release.save(update_fields=["status"])
    return apprentice
