from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.models import Application
from apprenticeship.dates import add_months
from apprenticeship.updates import model_update
from cohorts.models import Apprentice, ApprenticeEvent, Closure, Cohort
from cohorts.signals import apprentice_enrolled, closure_added, cohort_created
from programs.models import Department, Program, Standard, Track


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
        raise ValidationError(_("The cohort is for another track than the application."))
    if cohort.apprentices.current().count() >= cohort.capacity:
        raise CohortFull(f"{cohort} is full ({cohort.capacity} seats).")
    standard = cohort.track.standard_on(employment_start)
    if standard is None or standard.state != standard.State.APPROVED:
        # 29 CFR 29.5: an apprentice is registered under standards the agency approved.
        raise ValidationError(
            _("The track has no standard approved by the registration agency yet.")
        )
    apprentice = Apprentice(
        person=application.person,
        application=application,
        cohort=cohort,
        department=department,
        employment_start=employment_start,
        standard=standard,
        probation_end=standard.probation_end_from(employment_start),
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
    apprentice_enrolled.send(sender=Apprentice, apprentice=apprentice, by=enrolled_by)
    return apprentice


@transaction.atomic
def apprentice_prior_wage_set(
    *, apprentice: Apprentice, prior_wage: Decimal, prior_wage_unit: str
) -> Apprentice:
    """The wage the apprentice earned before the apprenticeship (0 for a first job), which
    RAPIDS asks for at registration. Recorded by program staff after the hire, never asked
    by hiring managers (salary-history rules)."""
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    apprentice.prior_wage, apprentice.prior_wage_unit = prior_wage, prior_wage_unit
    apprentice.full_clean(exclude=["person", "application", "cohort", "department", "preceptor"])
    apprentice.save(update_fields=["prior_wage", "prior_wage_unit"])
    return apprentice


def first_weekday_of_month(month: date, weekday: int = 0) -> date:
    """The first Monday (by default) of the month: the day a monthly cohort starts."""
    first = month.replace(day=1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


@transaction.atomic
def cohorts_plan_year(
    *,
    track: Track,
    first_month: date,
    capacity: int,
    classroom_location: str,
    class_weekday: int,
    class_start_time: time,
    instructors: Iterable[User] = (),
    months: int = 12,
) -> list[Cohort]:
    """Create the monthly cohorts of `track` for `months` months; existing months are kept."""
    created = []
    for n in range(months):
        month = add_months(first_month, n)
        if Cohort.objects.filter(
            track=track, start_date__year=month.year, start_date__month=month.month
        ).exists():
            continue
        cohort = Cohort(
            track=track,
            start_date=first_weekday_of_month(month),
            capacity=capacity,
            classroom_location=classroom_location,
            class_weekday=class_weekday,
            class_start_time=class_start_time,
        )
        cohort.full_clean()
        cohort.save()
        cohort.instructors.set(instructors)
        created.append(cohort)
    for cohort in created:
        cohort_created.send(sender=Cohort, cohort=cohort)
    return created


COHORT_FIELDS = ("capacity", "classroom_location", "class_weekday", "class_start_time")


@transaction.atomic
def cohort_update(*, cohort: Cohort, data: dict) -> Cohort:
    return model_update(
        instance=cohort, data=data, fields=COHORT_FIELDS, many_to_many=("instructors",)
    )


@transaction.atomic
def closure_add(
    *, program: Program, cohort: Cohort | None, day: date, reason: str, by: User | None
) -> Closure:
    closure = Closure(program=program, cohort=cohort, date=day, reason=reason)
    closure.full_clean()
    closure.save()
    closure_added.send(sender=Closure, closure=closure, by=by)
    return closure


def cohort_next_with_seats(*, track: Track, after: date) -> Cohort | None:
    """The waitlist: the first cohort of `track` starting after `after` with a seat left."""
    return (
        Cohort.objects.filter(track=track, start_date__gt=after)
        .with_seats()
        .filter(enrolled__lt=F("capacity"))
        .order_by("start_date")
        .first()
    )


def apprentice_record_note(
    *,
    apprentice: Apprentice,
    reason: str,
    by: User | None,
    notice: str = "",
    amends_agreement: bool = False,
) -> ApprenticeEvent:
    """A change of the apprentice's record that keeps their status (probation or the term
    extended, credit granted, another standard), effective today, with its notice to the
    registration agency: none before registration, the agency does not have them yet.
    `amends_agreement`: the change alters the terms of the signed agreement (29 CFR 29.7)."""
    today = timezone.localdate()
    if apprentice.status == Apprentice.Status.PENDING_REGISTRATION:
        notice = ApprenticeEvent.Notice.NONE
    return ApprenticeEvent.objects.create(
        apprentice=apprentice,
        from_status=apprentice.status,
        to_status=apprentice.status,
        effective_on=today,
        by=by,
        reason=reason,
        during_probation=apprentice.during_probation_on(today),
        notice=notice,
        amends_agreement=amends_agreement,
    )


@transaction.atomic
def apprentice_standard_move(
    *, apprentice: Apprentice, standard: Standard, reason: str, by: User
) -> ApprenticeEvent:
    """Hold the apprentice to another version of their track's standard (an amendment of their
    agreement): only a version the agency approved and put in force, with the reason, written
    as an event of their record. Before registration probation follows the new version."""
    apprentice = (
        Apprentice.objects.select_for_update().select_related("standard").get(pk=apprentice.pk)
    )
    if standard.track_id != apprentice.cohort.track_id:
        raise ValidationError(_("That standard is for another track."))
    if standard.state != Standard.State.APPROVED or standard.effective_on is None:
        raise ValidationError(
            _("Only a version the registration agency approved and put in force can be used.")
        )
    if standard.pk == apprentice.standard_id:
        raise ValidationError(_("The apprentice is already held to that version."))
    if not reason.strip():
        raise ValidationError(_("Say why the apprentice moves to that version."))
    before = apprentice.standard
    apprentice.standard = standard
    fields = ["standard"]
    if apprentice.status == Apprentice.Status.PENDING_REGISTRATION:
        apprentice.probation_end = standard.probation_end_from(apprentice.employment_start)
        fields.append("probation_end")
    apprentice.save(update_fields=fields)
    return apprentice_record_note(
        apprentice=apprentice,
        by=by,
        reason=_("Held to standard version %(new)d instead of %(old)d: %(reason)s")
        % {"new": standard.version, "old": before.version, "reason": reason.strip()},
        notice=ApprenticeEvent.Notice.MODIFICATION,
        amends_agreement=True,
    )


@transaction.atomic
def apprentice_identifiers_set(
    *, apprentice: Apprentice, employee_id: str, rapids_id: str | None = None
) -> Apprentice:
    """The apprentice's employee id (as the payroll and timekeeping system writes it) and, once
    registered, a correction of their RAPIDS number. Each names one apprentice: the database
    refuses a second (a conditional unique constraint), checked here first to say so."""
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    employee_id = employee_id.strip()
    apprentice.employee_id = employee_id
    fields = ["employee_id"]
    if rapids_id is not None and apprentice.rapids_id:
        rapids_id = rapids_id.strip()
        if not rapids_id:
            raise ValidationError(_("A registered apprentice keeps a RAPIDS number."))
        apprentice.rapids_id = rapids_id
        fields.append("rapids_id")
    apprentice.full_clean(
        exclude=["person", "application", "cohort", "department", "preceptor", "standard"],
        validate_constraints=False,
    )
    others = Apprentice.objects.exclude(pk=apprentice.pk)
    if employee_id and others.filter(employee_id=employee_id).exists():
        raise ValidationError(_("Another apprentice has this employee id."))
    if "rapids_id" in fields and others.filter(rapids_id=apprentice.rapids_id).exists():
        raise ValidationError(_("Another apprentice has this RAPIDS number."))
    try:
        with transaction.atomic():
            apprentice.save(update_fields=fields)
    except IntegrityError as error:  # written meanwhile by someone else
        raise ValidationError(_("Another apprentice has this number.")) from error
    return apprentice
