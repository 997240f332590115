from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from applicants.models import Application
from cohorts.models import Apprentice, ApprenticeEvent, Cohort
from programs.models import Department


class CohortFull(ValidationError):
    pass


@transaction.atomic
def cohort_enroll(
    *,
    application: Application,
    cohort: Cohort,
    department: Department | None,
    employment_start: date,
    hourly_rate: Decimal | None,
    enrolled_by: User | None,
) -> Apprentice:
    """Make the applicant an apprentice of `cohort`, all or nothing.

    The cohort row is locked so two simultaneous enrolments cannot overbook it. The caller
    (hiring) moves the application to its enrolled step in the same transaction.
    """
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.track_id != application.track_id:
        raise ValidationError("The cohort is for another track than the application.")
    if cohort.apprentices.count() >= cohort.capacity:
        raise CohortFull(f"{cohort} is full ({cohort.capacity} seats).")
    apprentice = Apprentice(
        person=application.person,
        application=application,
        cohort=cohort,
        department=department,
        employment_start=employment_start,
        probation_end=employment_start + timedelta(days=cohort.track.probation_days),
        starting_hourly_rate=hourly_rate,
    )
    apprentice.full_clean()
    apprentice.save()
    ApprenticeEvent.objects.create(
        apprentice=apprentice,
        to_status=Apprentice.Status.PENDING_REGISTRATION,
        effective_on=employment_start,
        by=enrolled_by,
        reason="Enrolled",
        during_probation=True,
    )
    return apprentice
