"""The ground every other app stands on: the sponsor's program, its tracks and departments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apprenticeship.history import track_changes
from apprenticeship.validators import phone_validator

if TYPE_CHECKING:
    from accounts.models import User


class WageUnit(models.TextChoices):
    """The wage units of the RAPIDS upload layout."""

    HOURLY = "H", _("per hour")
    WEEKLY = "W", _("per week")
    MONTHLY = "M", _("per month")
    ANNUAL = "A", _("per year")


@track_changes()
class Program(models.Model):
    class RegistrationAgency(models.TextChoices):
        OA = "OA", _("Office of Apprenticeship (federal)")
        SAA = "SAA", _("State Apprenticeship Agency")

    name = models.CharField(_("program name"), max_length=200)
    sponsor_name = models.CharField(_("sponsor"), max_length=200)
    dol_program_number = models.CharField(
        _("DOL program number"),
        max_length=32,
        blank=True,
        help_text=_("The registration number RAPIDS gave the program, e.g. 2021-MO-12345."),
    )
    registration_agency = models.CharField(
        _("registration agency"),
        max_length=8,
        choices=RegistrationAgency.choices,
        default=RegistrationAgency.OA,
    )
    registration_agency_name = models.CharField(
        _("registration agency office"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Office of Apprenticeship, Missouri State Office"),
    )
    address = models.TextField(_("sponsor address"), blank=True)
    contact_email = models.EmailField(_("program contact email"), blank=True)
    contact_phone = models.CharField(
        _("program contact phone"), max_length=32, blank=True, validators=[phone_validator]
    )
    staff_email_domain = models.CharField(
        _("sponsor's staff email domain"),
        max_length=120,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", _("A domain like bjc.org, without the @.")
            )
        ],
        help_text=_(
            "The sponsor's staff e-mail domain. Department approvals go only to the "
            "departments' approvers and hiring managers the program knows, never to another "
            "address at this domain nor to the applicant's own."
        ),
    )

    # The program's identifiers in RAPIDS' own lists (its Employer and RTI Providers tabs).
    rapids_employer_id = models.CharField(
        _("RAPIDS employer id"),
        max_length=32,
        blank=True,
        help_text=_("From the Employer tab of the program's RAPIDS upload template."),
    )
    rapids_rti_provider_id = models.CharField(
        _("RAPIDS classroom (RTI) provider id"),
        max_length=32,
        blank=True,
        help_text=_("From the RTI Providers tab of the program's RAPIDS upload template."),
    )

    pay_period_start = models.DateField(
        _("a pay period starts on"),
        default=date(2026, 1, 4),
        help_text=_("Any first day of a pay period; the calendar repeats from it."),
    )
    pay_period_days = models.PositiveSmallIntegerField(
        _("pay period"),
        choices=[(7, _("Weekly")), (14, _("Every two weeks"))],
        default=14,
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def next_pay_period(self, after: date) -> date:
        """The first day of the first pay period that starts after `after`: when a raise
        decided on `after` reaches the pay."""
        periods = (after - self.pay_period_start).days // self.pay_period_days + 1
        return self.pay_period_start + timedelta(days=periods * self.pay_period_days)

    def pay_period_of(self, day: date) -> date:
        """The first day of the pay period that holds `day`."""
        periods = (day - self.pay_period_start).days // self.pay_period_days
        return self.pay_period_start + timedelta(days=periods * self.pay_period_days)

    def approver_standing(self, email: str) -> str:
        """Who this address is to the program, for an approval: "approver" (a department's
        approver), "manager" (a department's hiring manager) or "" (no one it knows; an
        address at the staff domain is not enough: an applicant's own work mailbox or an
        apprentice's would be)."""
        email = email.strip().lower()
        if self.departments.filter(
            approvers__email__iexact=email, approvers__is_active=True
        ).exists():
            return "approver"
        if self.departments.filter(
            hiring_managers__email__iexact=email, hiring_managers__is_active=True
        ).exists():
            return "manager"
        return ""

    def trusts_approver(self, email: str) -> bool:
        """An approval is trusted from a department approver or hiring manager it knows."""
        return bool(self.approver_standing(email))


class TrackQuerySet(models.QuerySet):
    def active(self) -> TrackQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user: User) -> TrackQuerySet:
        # A track's description is public information; inactive ones only for staff.
        if user.is_authenticated and user.is_program_staff:
            return self
        return self.active()


onet_code_validator = RegexValidator(
    r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$", _("Use the O*NET-SOC form 12-3456.78.")
)


@track_changes()
class Track(models.Model):
    class Kind(models.TextChoices):
        CLINICAL = "clinical", _("Clinical")
        ADMINISTRATIVE = "administrative", _("Non-clinical (administrative)")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="tracks")
    name = models.CharField(_("track name"), max_length=120)
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    onet_code = models.CharField(
        _("O*NET-SOC code"), max_length=10, validators=[onet_code_validator]
    )
    rapids_occupation_code = models.CharField(
        _("RAPIDS occupation code"),
        max_length=16,
        help_text=_("The occupation code of the registered standard, e.g. 1090CB."),
    )
    rapids_wage_schedule_id = models.CharField(
        _("RAPIDS wage schedule id"),
        max_length=32,
        blank=True,
        help_text=_("From the Wage Schedules tab of the program's RAPIDS upload template."),
    )
    certification_name = models.CharField(_("certification exam"), max_length=200, blank=True)
    term_weeks = models.PositiveSmallIntegerField(
        _("term (weeks)"), default=52, validators=[MinValueValidator(1), MaxValueValidator(260)]
    )
    rti_weeks = models.PositiveSmallIntegerField(
        _("classroom weeks"), default=12, validators=[MinValueValidator(0)]
    )
    planned_rti_hours = models.PositiveSmallIntegerField(
        _("planned classroom hours (RTI)"),
        default=48,
        help_text=_("29 CFR 29.5 recommends at least 144 hours a year; this program plans 48."),
    )
    planned_ojl_hours = models.PositiveIntegerField(
        _("planned on-the-job hours (OJL)"),
        default=2000,
        validators=[MinValueValidator(1)],
    )
    probation_days = models.PositiveSmallIntegerField(
        _("probation (days)"),
        default=90,
        help_text=_("At most 25% of the term or one year, whichever is shorter."),
    )
    is_active = models.BooleanField(_("taking applications"), default=True)

    objects = TrackQuerySet.as_manager()

    class Meta:
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="track_name_unique_in_program"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def max_probation_days(self) -> int:
        """29 CFR 29.5(b)(8): probation is at most 25% of the term or one year."""
        return min(self.term_weeks * 7 // 4, 365)

    def clean(self) -> None:
        errors = {}
        if self.term_weeks and self.probation_days > self.max_probation_days:
            errors["probation_days"] = _(
                "Probation can be at most %(days)d days for a %(weeks)d-week term."
            ) % {"days": self.max_probation_days, "weeks": self.term_weeks}
        if self.term_weeks and self.rti_weeks > self.term_weeks:
            errors["rti_weeks"] = _("Classroom weeks cannot exceed the term.")
        if errors:
            raise ValidationError(errors)


class DepartmentQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> DepartmentQuerySet:
        """Staff see every department; managers, preceptors and approvers see their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        return self.filter(
            Q(hiring_managers=user) | Q(preceptors=user) | Q(approvers=user)
        ).distinct()

    def active(self) -> DepartmentQuerySet:
        return self.filter(is_active=True)


@track_changes()
class Department(models.Model):
    """A clinic or department that hires apprentices and hosts their on-the-job learning."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("department or clinic"), max_length=160)
    location = models.CharField(_("location"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[phone_validator])
    hiring_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_departments",
        verbose_name=_("hiring managers"),
    )
    preceptors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="precepted_departments",
        verbose_name=_("preceptors / clinic supervisors"),
    )
    approvers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="approved_departments",
        verbose_name=_("department approvers"),
        help_text=_("Managers who approve their own employees' applications."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="department_name_unique_in_program"
            ),
        ]

    def __str__(self) -> str:
        return self.name


@track_changes()
class WageSchedule(models.Model):
    """A version of a track's wage schedule. The newest version is in force: it sets the hire
    rate of new offers and the rate of raises approved from now on; raises already approved
    keep theirs. Lives with the program settings so hiring (the hire rate) and wages (the
    raises) read the same schedule without importing each other."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="wage_schedules")
    version = models.PositiveSmallIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["track", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["track", "version"], name="wage_schedule_version")
        ]

    def __str__(self) -> str:
        return f"{self.track} v{self.version}"


class WageRate(models.Model):
    """A step of a wage schedule: the rate an hour and what earns it."""

    class Trigger(models.TextChoices):
        HIRE = "hire", _("Hire")
        EXAM = "exam", _("Certification exam passed")
        HOURS = "hours", _("On-the-job hours reached")
        COMPLETION = "completion", _("Apprenticeship completed")

    schedule = models.ForeignKey(WageSchedule, on_delete=models.CASCADE, related_name="rates")
    trigger = models.CharField(_("earned by"), max_length=12, choices=Trigger.choices)
    ojl_hours = models.PositiveIntegerField(
        _("on-the-job hours"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    hourly_rate = models.DecimalField(
        _("rate an hour ($)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("7.25"))],
    )

    class Meta:
        ordering = ["schedule", "ojl_hours"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "trigger", "ojl_hours"],
                name="wage_rate_once",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(trigger="hours", ojl_hours__isnull=False)
                | (~Q(trigger="hours") & Q(ojl_hours__isnull=True)),
                name="wage_rate_hours_only_for_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: ${self.hourly_rate}"

    @property
    def key(self) -> str:
        """Names the step across versions: an apprentice earns each key once."""
        return f"hours-{self.ojl_hours}" if self.trigger == self.Trigger.HOURS else self.trigger

    @property
    def sort_key(self) -> tuple[int, int]:
        order = {"hire": 0, "exam": 1, "hours": 2, "completion": 3}
        return (order[self.trigger], self.ojl_hours or 0)
