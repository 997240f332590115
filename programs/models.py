"""The ground every other app stands on: the sponsor's program, its tracks and departments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
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

    agreement_signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signs apprenticeship agreements for the sponsor"),
        help_text=_("A program admin who countersigns each apprenticeship agreement (29 CFR 29.7)"),
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
    # The rules of hours, each with its default (what the program used before they were
    # settings): the caps of a day and a week, the step hours are kept in (timesheets,
    # adjustments, and the rounding of imported hours), and the classroom's lateness rule.
    max_day_hours = models.DecimalField(
        _("on-the-job hours in a day, at most"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(16),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(24))],
        help_text=_("Default 16. Timesheets and imports refuse more in one day."),
    )
    max_week_hours = models.DecimalField(
        _("on-the-job hours in a week, at most"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(60),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))],
        help_text=_(
            "Default 60. Timesheets refuse more; an import counts a week's hours up to it."
        ),
    )
    hours_increment = models.DecimalField(
        _("hours are kept in steps of"),
        max_digits=3,
        decimal_places=2,
        choices=[
            (Decimal("0.25"), _("a quarter hour (0.25)")),
            (Decimal("0.10"), _("a tenth of an hour (0.1, six minutes)")),
            (Decimal("0.01"), _("a hundredth of an hour")),
        ],
        default=Decimal("0.25"),
        help_text=_(
            "Default a quarter hour. Timesheets and adjustments are entered in these steps; "
            "imported hours (decimals or minutes) are rounded to the nearest step."
        ),
    )
    late_grace_minutes = models.PositiveSmallIntegerField(
        _("minutes late before class time is lost"),
        default=0,
        validators=[MaxValueValidator(30)],
        help_text=_("Default 0: the first minute late counts."),
    )
    late_unit_minutes = models.PositiveSmallIntegerField(
        _("class time lost for lateness, in units of"),
        choices=[
            (6, _("6 minutes")),
            (15, _("15 minutes")),
            (30, _("30 minutes")),
            (60, _("an hour")),
        ],
        default=15,
        help_text=_("Default 15: each started quarter hour late beyond the grace is lost."),
    )
    # 29 CFR 30.3(b), 30.14 and 30.11: what applicants and apprentices are told. Blank means
    # the regulation's own wording (programs.notices), in the reader's language.
    eeo_pledge = models.TextField(
        _("equal opportunity pledge (English)"),
        blank=True,
        help_text=_("Leave blank for the pledge as 29 CFR 30.3(b) words it."),
    )
    eeo_pledge_es = models.TextField(
        _("equal opportunity pledge (Spanish)"),
        blank=True,
        help_text=_("Leave blank for the Spanish translation of the regulation's pledge."),
    )
    eeo_officer = models.CharField(
        _("equal opportunity officer"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who applicants and apprentices contact about equal opportunity or a complaint: "
            "name, title and email (29 CFR 30.3(a)(1))."
        ),
    )
    registration_agency_address = models.TextField(
        _("registration agency's address for complaints"),
        blank=True,
        help_text=_("Where a complaint is filed (29 CFR 30.14): the office's mail and email."),
    )
    complaint_procedure = models.TextField(
        _("complaint procedure (English)"),
        blank=True,
        help_text=_("Leave blank for the procedure 29 CFR 30.14 sets out, with the agency above."),
    )
    complaint_procedure_es = models.TextField(_("complaint procedure (Spanish)"), blank=True)
    disability_invitation = models.TextField(
        _("invitation to self-identify a disability (English)"),
        blank=True,
        help_text=_(
            "The text of the form the Office of Apprenticeship prescribes (29 CFR 30.11); "
            "leave blank for the built-in text."
        ),
    )
    disability_invitation_es = models.TextField(
        _("invitation to self-identify a disability (Spanish)"), blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def in_steps(self, hours: Decimal) -> bool:
        """The hours are a whole number of the program's steps (a quarter hour by default)."""
        return not (hours / self.hours_increment) % 1

    def rounded(self, hours: Decimal) -> Decimal:
        """Hours rounded to the nearest step (halves up): 7.9 is 8.00 in quarter hours."""
        steps = (hours / self.hours_increment).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return (steps * self.hours_increment).quantize(Decimal("0.01"))

    def class_hours_lost(self, minutes_late: int) -> Decimal:
        """Classroom hours lost for lateness: each started unit beyond the grace minutes."""
        beyond = max(0, minutes_late - self.late_grace_minutes)
        units = -(-beyond // self.late_unit_minutes)  # started units
        return (Decimal(units * self.late_unit_minutes) / 60).quantize(Decimal("0.01"))

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


def hours_text(hours: Decimal) -> str:
    """Hours as people write them: 60, 7.5, 7.25 (never 6E+1)."""
    return f"{hours.normalize():f}"


WEEK_LIST = RegexValidator(
    r"^\s*([0-9]{1,3}\s*(,\s*|$))*$", _("Week numbers, separated by commas.")
)
FEDERAL_MINIMUM_WAGE = Decimal("7.25")  # 29 U.S.C. 206(a)(1)(C), since July 24, 2009


@track_changes()
class MinimumWage(models.Model):
    """A state or local minimum wage the program's apprentices are paid at least (29 CFR
    29.5(b)(5): the wage schedule is never below the minimum wage required by any applicable
    federal or state law or local ordinance). Each new rate is a row from its effective date;
    the federal rate is the floor beneath them all."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="minimum_wages")
    jurisdiction = models.CharField(
        _("state or locality"), max_length=80, help_text=_("e.g. Missouri, or St. Louis City")
    )
    hourly_rate = models.DecimalField(
        _("minimum wage an hour ($)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(FEDERAL_MINIMUM_WAGE)],
    )
    effective_on = models.DateField(_("in effect from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "jurisdiction"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "jurisdiction", "effective_on"], name="minimum_wage_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} ${self.hourly_rate} from {self.effective_on}"


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
    def current_standard(self) -> Standard | None:
        """The standard in force today (what applicants and staff read about the track)."""
        return self.standard_on(timezone.localdate())

    def standard_on(self, day: date) -> Standard | None:
        """The standard in force on `day`: the approved version put in force last before it
        (else the first one approved, else the newest draft: a track's plan before the agency
        approved anything). Reads the prefetched `standards` when there are."""
        versions = sorted(self.standards.all(), key=lambda s: s.version, reverse=True)
        approved = [s for s in versions if s.effective_on]
        in_force = [s for s in approved if s.effective_on <= day]
        if in_force:
            return max(in_force, key=lambda s: (s.effective_on, s.version))
        if approved:
            return min(approved, key=lambda s: (s.effective_on, s.version))
        return versions[0] if versions else None


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
        CREDENTIAL = "credential", _("First interim credential earned")
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
        order = {"hire": 0, "credential": 1, "exam": 2, "hours": 3, "completion": 4}
        return (order[self.trigger], self.ojl_hours or 0)


# 29 CFR 29.5(b)(2)(i): a time-based program needs at least 2,000 hours of on-the-job learning.
TIME_BASED_MINIMUM_OJL_HOURS = 2000
# 29 CFR 29.5(b)(8): probation is at most 25% of the program's length or one year.
MAX_PROBATION_SHARE = Decimal("0.25")
MAX_PROBATION_DAYS = 365
YEAR_OF_FULL_TIME_HOURS = 2080


@track_changes()
class Standard(models.Model):
    """A version of the track's registered standard of apprenticeship (29 CFR 29.5): the
    document the registration agency approved, and what every figure of an apprentice's
    progress is measured against. A version is drafted, sent to the agency, approved, and put
    in force from a date; an apprentice is held to the version in force when registered."""

    class Approach(models.TextChoices):
        TIME = "time", _("Time-based")
        COMPETENCY = "competency", _("Competency-based")
        HYBRID = "hybrid", _("Hybrid")

    class State(models.TextChoices):
        DRAFT = "draft", _("Drafted")
        SENT = "sent", _("Sent to the registration agency")
        APPROVED = "approved", _("Approved by the registration agency")

    class Level(models.TextChoices):
        NONE = "", _("Not required")
        ASSISTED = "assisted", _("Assisted or better")
        INDEPENDENT = "independent", _("Independent")

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="standards")
    version = models.PositiveSmallIntegerField(_("version"))
    approach = models.CharField(
        _("training approach"),
        max_length=12,
        choices=Approach.choices,
        default=Approach.TIME,
        help_text=_("29 CFR 29.5(b)(2): time-based, competency-based or hybrid."),
    )
    term_weeks = models.PositiveSmallIntegerField(
        _("term (weeks)"), default=52, validators=[MinValueValidator(1), MaxValueValidator(260)]
    )
    rti_weeks = models.PositiveSmallIntegerField(
        _("classroom weeks"), default=12, validators=[MaxValueValidator(260)]
    )
    rti_hours = models.PositiveSmallIntegerField(
        _("classroom hours (RTI)"),
        default=48,
        validators=[MaxValueValidator(5000)],
        help_text=_("29 CFR 29.5(b)(4) recommends at least 144 hours a year."),
    )
    ojl_hours = models.PositiveIntegerField(
        _("on-the-job hours (OJL)"),
        default=2000,
        validators=[MaxValueValidator(20000)],
        help_text=_(
            "Time-based: the hours required (at least 2,000). Hybrid: the minimum of the range. "
            "Competency-based: the approximate hours of the work processes."
        ),
    )
    ojl_hours_max = models.PositiveIntegerField(
        _("on-the-job hours at most (hybrid)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(20000)],
        help_text=_("The top of a hybrid standard's range of hours."),
    )
    probation_days = models.PositiveSmallIntegerField(
        _("probation (days)"),
        default=90,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Fill in days or on-the-job hours, not both."),
    )
    probation_ojl_hours = models.PositiveSmallIntegerField(
        _("probation (on-the-job hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    completes_on_ojl_hours = models.BooleanField(_("completion needs the OJL hours"), default=True)
    completes_on_rti_hours = models.BooleanField(_("completion needs the RTI hours"), default=True)
    competency_level = models.CharField(
        _("completion needs every competency signed off"),
        max_length=12,
        choices=Level.choices,
        default=Level.INDEPENDENT,
        blank=True,
    )
    completes_on_exam = models.BooleanField(
        _("completion needs the certification exam passed"), default=True
    )
    evaluation_weeks = models.CharField(
        _("periodic evaluations at weeks"),
        max_length=80,
        blank=True,
        default="4, 12, 26, 52",
        validators=[WEEK_LIST],
        help_text=_(
            "29 CFR 29.5(b)(6): the weeks of the term when the apprentice's progress in job "
            "performance and related instruction is evaluated, e.g. 4, 12, 26, 52."
        ),
    )
    apprentices_per_preceptor = models.PositiveSmallIntegerField(
        _("apprentices per preceptor (ratio)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "29 CFR 29.5(b)(7): at most this many apprentices per journeyworker (preceptor) "
            "in a department. Empty: no ratio."
        ),
    )
    wage_schedule = models.ForeignKey(
        WageSchedule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("wage schedule"),
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    sent_on = models.DateField(_("sent to the agency on"), null=True, blank=True)
    approved_on = models.DateField(_("approved by the agency on"), null=True, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["track", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["track", "version"], name="standard_version"),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(state="approved"),
                name="standard_in_force_only_when_approved",
            ),
            models.CheckConstraint(
                condition=Q(probation_days__isnull=True) | Q(probation_ojl_hours__isnull=True),
                name="standard_probation_days_or_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.track} v{self.version}"

    @property
    def is_time_based(self) -> bool:
        return self.approach == self.Approach.TIME

    @property
    def measures_hours(self) -> bool:
        """Time-based and hybrid standards count hours toward completion."""
        return self.completes_on_ojl_hours and self.approach != self.Approach.COMPETENCY

    @property
    def measures_competencies(self) -> bool:
        return bool(self.competency_level)

    @property
    def required_ojl_hours(self) -> Decimal:
        """The OJL hours completion needs (0 when hours are not the measure)."""
        return Decimal(self.ojl_hours) if self.measures_hours else Decimal(0)

    @property
    def max_probation_days(self) -> int:
        """29 CFR 29.5(b)(8): at most 25% of the term or one year, whichever is shorter."""
        return min(int(self.term_weeks * 7 * MAX_PROBATION_SHARE), MAX_PROBATION_DAYS)

    @property
    def max_probation_ojl_hours(self) -> int:
        """29 CFR 29.5(b)(8) in hours: 25% of the program's hours or a year's full-time hours."""
        return min(int(self.ojl_hours * MAX_PROBATION_SHARE), YEAR_OF_FULL_TIME_HOURS)

    def probation_end_from(self, start: date) -> date:
        """The last day of probation for an apprentice starting on `start`. Probation in hours
        ends when the hours are reached (the nightly sweep), at the latest on this day, the
        29 CFR 29.5(b)(8) limit in days."""
        if not self.probation_days:
            return self.probation_limit_from(start)
        return start + timedelta(days=self.probation_days - 1)

    def probation_limit_from(self, start: date) -> date:
        """The last day probation may reach, extensions included (29 CFR 29.5(b)(8))."""
        return start + timedelta(days=self.max_probation_days - 1)

    @property
    def planned_rti_hours_a_week(self) -> Decimal:
        if not self.rti_weeks:
            return Decimal(0)
        return Decimal(self.rti_hours) / self.rti_weeks

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT

    def evaluation_week_list(self) -> list[int]:
        """The evaluation weeks, in order, once each."""
        return sorted({int(w) for w in self.evaluation_weeks.replace(" ", "").split(",") if w})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.rti_weeks and self.term_weeks and self.rti_weeks > self.term_weeks:
            errors["rti_weeks"] = _("Classroom weeks cannot exceed the term.")
        try:
            weeks = self.evaluation_week_list()
        except ValueError:
            weeks = []  # the field's own validator says what is wrong
        if weeks and self.term_weeks and not all(1 <= w <= self.term_weeks for w in weeks):
            errors["evaluation_weeks"] = _("Evaluation weeks fall within the term: 1 to %(n)d.") % {
                "n": self.term_weeks
            }
        if self.probation_days and self.probation_ojl_hours:
            errors["probation_ojl_hours"] = _("Give probation in days or in hours, not both.")
        elif not (self.probation_days or self.probation_ojl_hours):
            errors["probation_days"] = _("Give probation in days or in on-the-job hours.")
        elif self.probation_days and self.term_weeks:
            if self.probation_days > self.max_probation_days:
                errors["probation_days"] = _(
                    "Probation can be at most %(days)d days for a %(weeks)d-week term "
                    "(29 CFR 29.5(b)(8): 25%% of the term or one year)."
                ) % {"days": self.max_probation_days, "weeks": self.term_weeks}
        elif self.probation_ojl_hours and self.probation_ojl_hours > self.max_probation_ojl_hours:
            errors["probation_ojl_hours"] = _(
                "Probation can be at most %(hours)d on-the-job hours for a %(total)d-hour "
                "program (29 CFR 29.5(b)(8): 25%% of its length or one year)."
            ) % {"hours": self.max_probation_ojl_hours, "total": self.ojl_hours}
        if self.approach == self.Approach.TIME:
            if self.ojl_hours < TIME_BASED_MINIMUM_OJL_HOURS:
                errors["ojl_hours"] = _(
                    "A time-based standard needs at least %(hours)d on-the-job hours "
                    "(29 CFR 29.5(b)(2))."
                ) % {"hours": TIME_BASED_MINIMUM_OJL_HOURS}
            if not self.completes_on_ojl_hours:
                errors["completes_on_ojl_hours"] = _(
                    "A time-based standard completes on its on-the-job hours."
                )
        else:
            if not self.competency_level:
                errors["competency_level"] = _(
                    "Competency-based and hybrid standards complete on competencies: choose the "
                    "level every competency is signed off at."
                )
        if self.approach == self.Approach.HYBRID:
            if not self.ojl_hours:
                errors["ojl_hours"] = _("A hybrid standard gives a minimum of on-the-job hours.")
            elif not self.ojl_hours_max or self.ojl_hours_max < self.ojl_hours:
                errors["ojl_hours_max"] = _(
                    "A hybrid standard gives a range of hours: the top at or above the minimum "
                    "(29 CFR 29.5(b)(2)(iii))."
                )
        elif self.ojl_hours_max:
            errors["ojl_hours_max"] = _("Only a hybrid standard has a range of hours.")
        if self.approach == self.Approach.COMPETENCY and self.probation_ojl_hours:
            errors["probation_ojl_hours"] = _(
                "A competency-based standard does not measure hours: give probation in days."
            )
        if self.wage_schedule_id and self.wage_schedule.track_id != self.track_id:
            errors["wage_schedule"] = _("Choose a wage schedule of this track.")
        if errors:
            raise ValidationError(errors)


class EvaluationCriterion(models.Model):
    """A rated criterion of the standard's periodic evaluation (29 CFR 29.5(b)(6)): of job
    performance (the preceptor rates it) or of related instruction (the instructor)."""

    class Area(models.TextChoices):
        JOB = "job", _("Job performance")
        RTI = "rti", _("Related instruction")

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    area = models.CharField(_("area"), max_length=4, choices=Area.choices)
    text = models.CharField(_("criterion"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["standard", "area", "order", "pk"]

    def __str__(self) -> str:
        return self.text


# What a new standard evaluates until its admin changes it.
DEFAULT_CRITERIA = [
    ("job", "Patient care and safety"),
    ("job", "Skills of the work processes"),
    ("job", "Professionalism, attendance and punctuality"),
    ("job", "Communication and teamwork"),
    ("rti", "Attendance and participation in class"),
    ("rti", "Understanding of the modules' content"),
    ("rti", "Applying the classroom content in the clinic"),
]


@track_changes()
class InterimCredential(models.Model):
    """29 CFR 29.5(b)(16): a credential a competency-based or hybrid standard awards at a
    milestone: every competency of a work process signed off, or the certification exam."""

    class EarnedBy(models.TextChoices):
        WORK_PROCESS = "work_process", _("Every competency of a work process signed off")
        EXAM = "exam", _("The certification exam passed")
        OJL_HOURS = "hours", _("On-the-job hours reached")

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="interim_credentials"
    )
    name = models.CharField(_("credential"), max_length=160)
    earned_by = models.CharField(_("earned by"), max_length=16, choices=EarnedBy.choices)
    work_process_title = models.CharField(
        _("work process"),
        max_length=120,
        blank=True,
        help_text=_("For a work-process milestone: the work process, as the track names it."),
    )
    ojl_hours = models.PositiveIntegerField(
        _("on-the-job hours"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["standard", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "name"], name="credential_once_a_standard")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.standard_id and self.standard.approach == Standard.Approach.TIME:
            errors["name"] = _(
                "Interim credentials belong to competency-based and hybrid standards "
                "(29 CFR 29.5(b)(16))."
            )
        if self.earned_by == self.EarnedBy.WORK_PROCESS and not self.work_process_title:
            errors["work_process_title"] = _("Name the work process.")
        if self.earned_by == self.EarnedBy.OJL_HOURS and not self.ojl_hours:
            errors["ojl_hours"] = _("Give the hours.")
        if errors:
            raise ValidationError(errors)
