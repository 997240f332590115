"""Related technical instruction (RTI): the class schedule, attendance, make-ups and grades."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apprenticeship.history import track_changes
from cohorts.models import Apprentice, Cohort
from programs.models import Track

if TYPE_CHECKING:
    from accounts.models import User


class Module(models.Model):
    """A unit of the track's curriculum: the topic of a class and a graded quiz."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=160)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["track", "order"]
        constraints = [
            models.UniqueConstraint(fields=["track", "order"], name="module_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


def _checkin_token() -> str:
    return secrets.token_urlsafe(16)


def _cohorts_taught_by(user: User):
    return Cohort.instructors.through.objects.filter(user=user).values("cohort")


class ClassSessionQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ClassSessionQuerySet:
        """Staff: all; instructors: their cohorts' sessions; others none."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        return self.filter(cohort__in=_cohorts_taught_by(user))

    def counting(self) -> ClassSessionQuerySet:
        return self.exclude(status=ClassSession.Status.CANCELLED)


@track_changes(exclude=["checkin_token"])
class ClassSession(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Class")
        MAKEUP = "makeup", _("Make-up session")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(12))],
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    module = models.ForeignKey(
        Module,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("topic"),
    )
    invited = models.ManyToManyField(
        Apprentice,
        blank=True,
        related_name="makeup_sessions",
        help_text=_("For a make-up session: who it is for."),
    )
    checkin_token = models.CharField(max_length=32, unique=True, default=_checkin_token)
    change_note = models.CharField(_("reason for the change"), max_length=200, blank=True)

    objects = ClassSessionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["cohort", "date"])]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.date:%a %b %d}"


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> AttendanceQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        return self.filter(
            Q(session__cohort__in=_cohorts_taught_by(user)) | Q(apprentice__person__user=user)
        )


@track_changes()
class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")
        CHECKED_IN = "checked_in", _("Checked in (to confirm)")

    session = models.ForeignKey(ClassSession, on_delete=models.CASCADE, related_name="attendance")
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=12, choices=Status.choices)
    minutes_late = models.PositiveSmallIntegerField(default=0)
    hours_credited = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal(0))
    self_checked_in_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "apprentice"], name="one_mark_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice} · {self.session.date} · {self.status}"


class AttendanceChange(models.Model):
    """A change to attendance made after the day of the class: who, when, before/after, why."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=12, choices=Attendance.Status.choices)
    to_status = models.CharField(max_length=12, choices=Attendance.Status.choices)
    from_hours = models.DecimalField(max_digits=4, decimal_places=2)
    to_hours = models.DecimalField(max_digits=4, decimal_places=2)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.attendance_id}: {self.from_status} → {self.to_status}"


@track_changes()
class Grade(models.Model):
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="grades")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="grades")
    score = models.PositiveSmallIntegerField(_("score (%)"), validators=[MaxValueValidator(100)])
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["apprentice", "module"], name="one_grade_per_module")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice} · {self.module}: {self.score}"

    @property
    def passed(self) -> bool:
        return self.score >= self.module.pass_mark
