"""Monthly cohorts per track, and the apprentices enrolled in them."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, Person
from apprenticeship.dates import in_force
from apprenticeship.history import track_changes
from programs.models import Department, Standard, Track, WageUnit

if TYPE_CHECKING:
    from accounts.models import User


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CohortQuerySet:
        """Staff see every cohort, instructors the cohorts they teach, nobody else any."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        return self.filter(
            pk__in=Cohort.instructors.through.objects.filter(user=user).values("cohort")
        )

    def with_seats(self) -> CohortQuerySet:
        return self.annotate(
            enrolled=models.Count(
                "apprentices",
                filter=~Q(apprentices__status__in=Apprentice.INACTIVE_STATUSES),
            )
        )


@track_changes()
class Cohort(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")

    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="cohorts")
    start_date = models.DateField(_("start date"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=12, validators=[MinValueValidator(1)]
    )
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="taught_cohorts",
        verbose_name=_("instructors"),
    )
    classroom_location = models.CharField(_("classroom location"), max_length=200, blank=True)
    class_weekday = models.PositiveSmallIntegerField(
        _("class day"), choices=Weekday.choices, default=Weekday.WEDNESDAY
    )
    class_start_time = models.TimeField(_("class starts at"), default=time(8, 0))

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "track"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "start_date"], name="one_cohort_per_track_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.track} · {self.start_date:%B %Y}"

    @property
    def standard(self) -> Standard | None:
        """The track's standard in force when the cohort starts: its classroom plan."""
        if not hasattr(self, "_standard"):
            self._standard = self.track.standard_on(self.start_date)
        return self._standard

    @property
    def session_hours(self) -> Decimal:
        """Hours of one weekly class: the standard's RTI hours spread over its classroom weeks."""
        standard = self.standard
        if standard is None:
            return Decimal(0)
        return standard.planned_rti_hours_a_week.quantize(Decimal("0.25"))


class ClosureQuerySet(models.QuerySet):
    def affecting(self, cohort: Cohort) -> ClosureQuerySet:
        return self.filter(Q(cohort=cohort) | Q(cohort__isnull=True, program=cohort.track.program))


@track_changes()
class Closure(models.Model):
    """A holiday or closure: no class that day (program-wide, or for one cohort)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="closures"
    )
    cohort = models.ForeignKey(
        Cohort,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Leave empty for a closure of the whole program."),
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=120)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%b %d, %Y}: {self.reason}"


class Access(models.TextChoices):
    """What a user wants of an apprentice; each kind has its own circle of people."""

    ROSTER = "roster"  # instructors their cohorts', preceptors theirs, an apprentice self
    CLINIC = "clinic"  # preceptors placed with them or in a department they precept; self
    WAGES = "wages"  # hiring managers their departments'; self
    SUPPORT = "support"  # the coaches and mentors assigned today
    RECORDS = "records"  # an apprentice's own reports and records


class ApprenticeQuerySet(models.QuerySet):
    def visible_to(self, user: User, access: str = Access.ROSTER) -> ApprenticeQuerySet:
        """The one place that decides which apprentices a user may see, for each kind of
        access; program staff and admins see every apprentice of the program."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        own = Q(person__user=user)
        if access == Access.ROSTER:
            instructed = Cohort.instructors.through.objects.filter(user=user).values("cohort")
            return self.filter(Q(cohort__in=instructed) | Q(preceptor=user) | own)
        if access == Access.CLINIC:
            return self.filter(Q(preceptor=user) | Q(department__preceptors=user) | own).distinct()
        if access == Access.WAGES:
            return self.filter(Q(department__hiring_managers=user) | own).distinct()
        if access == Access.SUPPORT:
            assigned = Q(supporters__person=user) & in_force(timezone.localdate(), "supporters__")
            return self.filter(assigned).distinct()
        if access == Access.RECORDS:
            return self.filter(own)
        raise ValueError(f"unknown access {access!r}")

    def current(self) -> ApprenticeQuerySet:
        return self.exclude(status__in=Apprentice.INACTIVE_STATUSES)


employee_id_validator = RegexValidator(
    r"^[A-Za-z0-9-]+$", _("Letters A-Z, digits 0-9 and dashes only.")
)


@track_changes()
class Apprentice(models.Model):
    class Status(models.TextChoices):
        PENDING_REGISTRATION = "pending_registration", _("Pending registration")
        PROBATION = "probation", _("Probation")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        TRANSFERRED_OUT = "transferred_out", _("Transferred out")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="apprenticeships")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="apprentice"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="apprentices")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="apprentices"
    )
    preceptor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="precepted_apprentices",
    )
    standard = models.ForeignKey(
        Standard,
        on_delete=models.PROTECT,
        related_name="apprentices",
        verbose_name=_("registered standard"),
        help_text=_("The version of the track's standard the apprentice is held to."),
    )
    employment_start = models.DateField(_("employment start"))
    probation_end = models.DateField(_("probation ends"))
    starting_hourly_rate = models.DecimalField(
        _("starting hourly rate"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # What the apprentice earned before (from the offer; RAPIDS asks for it at registration).
    prior_wage = models.DecimalField(
        _("prior wage"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    prior_wage_unit = models.CharField(
        _("prior wage per"), max_length=1, choices=WageUnit.choices, default=WageUnit.HOURLY
    )
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.PENDING_REGISTRATION
    )
    INACTIVE_STATUSES = (Status.CANCELLED, Status.TRANSFERRED_OUT)
    rapids_id = models.CharField(_("RAPIDS apprentice id"), max_length=32, blank=True)
    employee_id = models.CharField(
        _("employee id"),
        max_length=32,
        blank=True,
        validators=[employee_id_validator],
        help_text=_("As in the payroll and timekeeping system, to match its exports."),
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    objects = ApprenticeQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "person__last_name"]
        constraints = [
            # One program per installation: a RAPIDS number or an employee id names one
            # apprentice (the payroll import and the agency's files match on them).
            models.UniqueConstraint(
                fields=["rapids_id"], condition=~Q(rapids_id=""), name="rapids_id_unique"
            ),
            models.UniqueConstraint(
                fields=["employee_id"], condition=~Q(employee_id=""), name="employee_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.cohort}"

    def during_probation_on(self, day: date, *, from_status: str | None = None) -> bool:
        """A matter of dates (29 CFR 29.2, 29.5(b)(20)): a change is during probation when it
        is effective inside the probationary period, whatever status the record showed when it
        was written (a cancellation effective on day 60 recorded after the nightly sweep made
        the apprentice active is still during probation). Before registration, always.
        `from_status`: the status the change starts from (the current one by default)."""
        if (from_status or self.status) == self.Status.PENDING_REGISTRATION:
            return True
        return day <= self.probation_end


class ApprenticeEventQuerySet(models.QuerySet):
    def to_report(self) -> ApprenticeEventQuerySet:
        """Notices the registration agency has not received yet (29 CFR 29.5(b)(19))."""
        return self.exclude(notice="").filter(reported_to_dol_on__isnull=True)


class ApprenticeEvent(models.Model):
    """The status lifecycle: every change with date, reason, who, and whether in probation;
    the changes the registration agency must hear of within 45 days carry their notice."""

    class Notice(models.TextChoices):
        NONE = "", _("Not reported")
        SUSPENSION = "suspension", _("Suspension")
        REINSTATEMENT = "reinstatement", _("Reinstatement")
        CANCELLATION = "cancellation", _("Cancellation")
        COMPLETION = "completion", _("Completion")
        TRANSFER = "transfer", _("Transfer")
        EXTENSION = "extension", _("Extension of the term")
        CREDIT = "credit", _("Credit for previous experience")
        MODIFICATION = "modification", _("Change of standard")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=24, choices=Apprentice.Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Apprentice.Status.choices)
    effective_on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    # The coded reason (wages.lifecycle.REASONS) the RAPIDS updates file carries beside the text.
    reason_code = models.CharField(_("reason code"), max_length=16, blank=True)
    during_probation = models.BooleanField(default=False)
    # The change alters the terms of the signed apprenticeship agreement (29 CFR 29.7): an
    # amendment is due until one is prepared after it.
    amends_agreement = models.BooleanField(default=False)
    notice = models.CharField(
        _("notice to the registration agency"),
        max_length=16,
        choices=Notice.choices,
        default=Notice.NONE,
        blank=True,
    )
    reported_to_dol_on = models.DateField(null=True, blank=True)

    objects = ApprenticeEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.from_status or '-'} → {self.to_status}"
