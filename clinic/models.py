"""On-the-job learning (OJL): placements with a preceptor, the track's work processes and
competencies, weekly timesheets, adjustments, sign-offs and payroll imports."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from apprenticeship.history import track_changes
from cohorts.models import Apprentice
from programs.models import Department, EvaluationCriterion, Program, Standard, Track

if TYPE_CHECKING:
    from accounts.models import User

FULL_TIME_WEEK = Decimal(40)


@track_changes()
class WorkProcess(models.Model):
    """A part of the occupation the apprentice learns on the job, with its planned hours
    (the work-process schedule 29 CFR 29.5(b)(4) asks for)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="work_processes")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("work process"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["track", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["track", "title"], name="work_process_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


@track_changes()
class Competency(models.Model):
    """A skill under a work process that a preceptor signs off."""

    work_process = models.ForeignKey(
        WorkProcess, on_delete=models.CASCADE, related_name="competencies"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("competency"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["work_process__order", "order", "pk"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.title


@track_changes()
class Placement(models.Model):
    """Where an apprentice works and who precepts them, from a date; a rotation ends one
    placement and starts the next. The apprentice's department and preceptor mirror the open
    one (the placement service keeps them in step in the same transaction)."""

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="placements")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="placements")
    preceptor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements_precepted",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["apprentice", "-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["apprentice"],
                condition=Q(ends_on__isnull=True),
                name="one_open_placement_per_apprentice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.apprentice_id} in {self.department_id} from {self.starts_on}"


class TimesheetQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> TimesheetQuerySet:
        """Staff: all; a preceptor: the weeks worked in a placement of theirs (after a rotation
        the past weeks stay with the department they were worked in); an apprentice: theirs."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        week_end = ExpressionWrapper(
            OuterRef("week_start") + timedelta(days=6), output_field=models.DateField()
        )
        covering = Placement.objects.filter(
            Q(preceptor=user) | Q(department__preceptors=user),
            apprentice=OuterRef("apprentice"),
            starts_on__lte=week_end,
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=OuterRef("week_start")))
        return self.filter(Q(Exists(covering)) | Q(apprentice__person__user=user))


@track_changes()
class Timesheet(models.Model):
    """One apprentice's week (Monday to Sunday) of clinic hours by day and work process."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="timesheets")
    week_start = models.DateField(_("week of"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # The sum of the week's entries, kept exact by the services in the same transaction.
    total_hours = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))
    no_hours_reason = models.CharField(
        _("reason for a week without hours"), max_length=200, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(_("comment"), blank=True)
    imported = models.BooleanField(default=False)

    objects = TimesheetQuerySet.as_manager()

    class Meta:
        ordering = ["apprentice", "-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["apprentice", "week_start"], name="one_timesheet_per_week"
            )
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="timesheet_queue_idx")]

    def __str__(self) -> str:
        return f"{self.apprentice_id} · week of {self.week_start}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


@track_changes()
class TimeEntry(models.Model):
    """Hours on one day in one work process. ``apprentice`` repeats the timesheet's so sums
    per apprentice and work process read one index."""

    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="entries")
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    # Empty only for a payroll row whose export named no work process: the preceptor assigns
    # it before approving the week (never guessed). An approved week has none empty.
    work_process = models.ForeignKey(
        WorkProcess, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    # A payroll row's key ("<mapping>:<row key>"): the same row imported twice is one entry.
    source_key = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["day", "work_process__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["apprentice", "source_key"],
                condition=~Q(source_key=""),
                name="payroll_row_imported_once",
            )
        ]
        indexes = [
            models.Index(fields=["apprentice", "work_process"], name="entry_apprentice_wp_idx"),
            models.Index(fields=["apprentice", "day"], name="entry_apprentice_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.hours} h"


@track_changes()
class HoursAdjustment(models.Model):
    """A correction after approval (hours + or -, with the reason), never an edit in place."""

    apprentice = models.ForeignKey(
        Apprentice, on_delete=models.CASCADE, related_name="hours_adjustments"
    )
    work_process = models.ForeignKey(WorkProcess, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day the hours belong to"))
    hours = models.DecimalField(_("hours (+ or -)"), max_digits=7, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=300)
    # Credit for hours not worked here (prior experience, a transfer): counted toward the
    # standard, left out of the apprentice's pace.
    is_credit = models.BooleanField(_("credit for hours worked elsewhere"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.hours:+} h"


@track_changes()
class SchedulePeriod(models.Model):
    """A period when the apprentice's planned clinic hours differ from the standard's plan:
    part-time, or a leave of absence (0 hours). Plans, pace and projection follow it."""

    class Kind(models.TextChoices):
        PART_TIME = "part_time", _("Part-time")
        LEAVE = "leave", _("Leave of absence")

    apprentice = models.ForeignKey(
        Apprentice, on_delete=models.CASCADE, related_name="schedule_periods"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    weekly_hours = models.DecimalField(
        _("clinic hours a week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["apprentice", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="schedule_period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.apprentice_id}: {self.weekly_hours} h/week {self.starts_on} to {self.ends_on}"
        )

    def covers(self, monday: date) -> bool:
        """The week of `monday` is in the period (it holds the week's Monday)."""
        return self.starts_on <= monday + timedelta(days=6) and monday <= self.ends_on


@track_changes()
class CompetencySignoff(models.Model):
    class Level(models.TextChoices):
        OBSERVED = "observed", _("Observed")
        ASSISTED = "assisted", _("Assisted")
        INDEPENDENT = "independent", _("Independent")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="signoffs")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="signoffs")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    signed_on = models.DateField(_("date"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["competency", "signed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["apprentice", "competency", "level"], name="signoff_once_per_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.competency_id} {self.level}"


@track_changes()
class TermExtension(models.Model):
    """A new planned end date for an apprentice short of the required OJL hours."""

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="extensions")
    new_end_date = models.DateField(_("new end date"))
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.apprentice_id} until {self.new_end_date}"


@track_changes()
class PayrollMapping(models.Model):
    """How one timekeeping system (Kronos/UKG, Workday, Epic) names the columns of its export."""

    class DateFormat(models.TextChoices):
        ISO = "%Y-%m-%d", "2026-11-23"
        US = "%m/%d/%Y", "11/23/2026"
        US_SHORT = "%m/%d/%y", "11/23/26"

    class LandsAs(models.TextChoices):
        APPROVED = "approved", _("Approved (the timekeeping system is the record)")
        AWAITING = "submitted", _("Awaiting the preceptor's approval")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="payroll_mappings")
    name = models.CharField(_("source"), max_length=80, help_text=_("e.g. Kronos weekly export"))
    employee_id_column = models.CharField(_("employee id column"), max_length=80)
    date_column = models.CharField(_("date column"), max_length=80)
    hours_column = models.CharField(_("hours column"), max_length=80)
    work_process_column = models.CharField(
        _("work process column (optional)"), max_length=80, blank=True
    )
    department_column = models.CharField(
        _("department column (optional)"), max_length=80, blank=True
    )
    row_key_column = models.CharField(
        _("row id column (optional)"),
        max_length=80,
        blank=True,
        help_text=_("A column unique per row (e.g. punch id); without it, the row's values are."),
    )
    date_format = models.CharField(
        _("date format"), max_length=12, choices=DateFormat.choices, default=DateFormat.ISO
    )
    default_work_process = models.ForeignKey(
        WorkProcess,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("work process when the file has none"),
    )
    lands_as = models.CharField(
        _("imported hours are"), max_length=12, choices=LandsAs.choices, default=LandsAs.AWAITING
    )

    class HoursUnit(models.TextChoices):
        HOURS = "hours", _("Hours in decimals (7.5, 7.9, 7.83)")
        MINUTES = "minutes", _("Minutes (450)")
        CLOCK = "clock", _("Hours and minutes (7:30)")

    hours_unit = models.CharField(
        _("the hours column holds"), max_length=8, choices=HoursUnit.choices, default="hours"
    )
    in_punch_column = models.CharField(
        _("in punch column (optional)"),
        max_length=80,
        blank=True,
        help_text=_(
            "With the out punch, the time of a class the apprentice attended is left out of "
            "the shift's hours (never counted twice)."
        ),
    )
    out_punch_column = models.CharField(_("out punch column (optional)"), max_length=80, blank=True)
    pay_code_column = models.CharField(
        _("pay code column (optional)"),
        max_length=80,
        blank=True,
        help_text=_("e.g. Pay Code: REG, OT, PTO, HOL, TRN. Without it every row is worked time."),
    )
    pay_codes_counted = models.CharField(
        _("pay codes of time worked (on-the-job hours)"),
        max_length=200,
        blank=True,
        help_text=_("Separated by commas, e.g. REG, OT, CALLBK."),
    )
    pay_codes_class = models.CharField(
        _("pay codes of paid class time"),
        max_length=200,
        blank=True,
        help_text=_(
            "Not on-the-job hours: classroom hours come from the instructor's attendance. "
            "e.g. TRN, EDU."
        ),
    )
    pay_codes_not_counted = models.CharField(
        _("pay codes not counted"),
        max_length=200,
        blank=True,
        help_text=_("Paid time off and the like, e.g. PTO, HOL, SICK, BRV."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="payroll_mapping_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    COUNTED, CLASS, NOT_COUNTED = "counted", "class", "not_counted"

    def pay_code_outcome(self, code: str) -> str | None:
        """What a row's pay code makes of it: counted as on-the-job hours, paid class time or
        not counted; None for a code the mapping does not list (the row is refused, never
        guessed). Without a pay code column, every row is time worked."""
        if not self.pay_code_column:
            return self.COUNTED
        code = code.strip().upper()
        for outcome, codes in (
            (self.COUNTED, self.pay_codes_counted),
            (self.CLASS, self.pay_codes_class),
            (self.NOT_COUNTED, self.pay_codes_not_counted),
        ):
            if code and code in {c.strip().upper() for c in codes.split(",")}:
                return outcome
        return None


def _private_storage():
    from applicants.uploads import private_storage

    return private_storage()


class ImportBatch(models.Model):
    """One uploaded payroll file: previewed first, written only when staff confirm."""

    mapping = models.ForeignKey(PayrollMapping, on_delete=models.PROTECT, related_name="batches")
    file = models.FileField(upload_to="payroll/%Y/%m/", storage=_private_storage)
    file_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rows_new = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_not_counted = models.PositiveIntegerField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return self.file_name

    @property
    def counts(self) -> dict[str, int]:
        """As last checked (clinic.imports keeps them): the list and the file's page agree."""
        return {
            "new": self.rows_new,
            "duplicate": self.rows_duplicate,
            "rejected": self.rows_rejected,
            "not_counted": self.rows_not_counted,
        }


@track_changes()
class Evaluation(models.Model):
    """A periodic evaluation of the apprentice's progress (29 CFR 29.5(b)(6)) at a week the
    standard sets: job performance rated by the preceptor, related instruction by an
    instructor (while the classroom weeks last), then read and acknowledged by the apprentice
    (typed name, date) with their comment if they have one."""

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="evaluations")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    week = models.PositiveSmallIntegerField(_("week of the term"))
    due_on = models.DateField(_("due"))
    needs_rti = models.BooleanField(default=True)
    job_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job_at = models.DateTimeField(null=True, blank=True)
    job_comment = models.TextField(_("job performance: comments"), blank=True)
    rti_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rti_at = models.DateTimeField(null=True, blank=True)
    rti_comment = models.TextField(_("related instruction: comments"), blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_name = models.CharField(max_length=170, blank=True)
    apprentice_comment = models.TextField(_("the apprentice's comment"), blank=True)

    class Meta:
        ordering = ["apprentice", "week"]
        constraints = [
            models.UniqueConstraint(fields=["apprentice", "week"], name="evaluation_once_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: week {self.week}"

    @property
    def rated(self) -> bool:
        """Both parts in (the classroom part only while the classroom weeks last)."""
        return self.job_at is not None and (self.rti_at is not None or not self.needs_rti)

    def overdue_on(self, day: date) -> bool:
        """Its due day passed on `day` without its ratings."""
        return not self.rated and self.due_on < day


class EvaluationRating(models.Model):
    RATINGS = [
        (1, _("1: well below expectations")),
        (2, _("2: below expectations")),
        (3, _("3: meets expectations")),
        (4, _("4: above expectations")),
        (5, _("5: well above expectations")),
    ]

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(choices=RATINGS)

    class Meta:
        ordering = ["criterion__area", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="rating_once_a_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.rating}"
