"""Requisitions, candidates released to them, verbal offers and onboarding (issue 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.models import Application
from apprenticeship.history import track_changes
from cohorts.models import Cohort
from programs.models import Department, Program, Track

if TYPE_CHECKING:
    from accounts.models import User


class RequisitionQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> RequisitionQuerySet:
        """Staff see every requisition; a hiring manager those of their departments."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        return self.filter(
            department__in=Department.hiring_managers.through.objects.filter(user=user).values(
                "department"
            )
        )


@track_changes()
class Requisition(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="requisitions"
    )
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="requisitions")
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        related_name="requisitions",
        verbose_name=_("target cohort"),
    )
    positions = models.PositiveSmallIntegerField(_("positions"), validators=[MinValueValidator(1)])
    location = models.CharField(_("location"), max_length=160)
    shift = models.CharField(_("shift"), max_length=80, default="Day, Monday to Friday")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    filled_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_reason = models.CharField(_("why it is closed"), max_length=300, blank=True)
    CLOSABLE_STATUSES = (Status.PENDING, Status.OPEN)

    objects = RequisitionQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.department} · {self.track} · {self.cohort.start_date:%B %Y}"


class ReleaseQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ReleaseQuerySet:
        return self.filter(requisition__in=Requisition.objects.visible_to(user))


@track_changes()
class Release(models.Model):
    """A ready-for-hire candidate released to a requisition for its hiring manager."""

    class Status(models.TextChoices):
        RELEASED = "released", _("To review")
        OFFERED = "offered", _("Offer made")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        PLACED_ELSEWHERE = "placed_elsewhere", _("Placed elsewhere")
        ENROLLED = "enrolled", _("Enrolled")

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="releases")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="releases")
    status = models.CharField(max_length=18, choices=Status.choices, default=Status.RELEASED)
    shareable_note = models.TextField(_("note for the hiring manager"), blank=True)
    # Set when the target cohort is full and the candidate agreed to start a later month.
    deferred_to = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.PROTECT, related_name="deferred_releases"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(auto_now_add=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["released_at"]
        constraints = [
            models.UniqueConstraint(fields=["requisition", "application"], name="release_once")
        ]

    def __str__(self) -> str:
        return f"{self.application.person} → {self.requisition}"

    @property
    def start_cohort(self) -> Cohort:
        return self.deferred_to or self.requisition.cohort


@track_changes()
class Offer(models.Model):
    class Answer(models.TextChoices):
        PENDING = "pending", _("Waiting for the answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    release = models.OneToOneField(Release, on_delete=models.CASCADE, related_name="offer")
    made_on = models.DateField(_("offer made on"))
    position_title = models.CharField(
        _("position"), max_length=120, default="Patient Care Associate"
    )
    hourly_rate = models.DecimalField(_("starting hourly rate"), max_digits=7, decimal_places=2)
    # The wage schedule's hire rate when the offer was made; an offer below it is an exception
    # program staff record with its reason (shown on the offer and in the program report).
    schedule_rate = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    below_schedule_reason = models.CharField(
        _("why below the schedule's hire rate"), max_length=300, blank=True
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_on = models.DateField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"Offer to {self.release.application.person}"


# The checklist a program uses until its admin sets its own: (item, owner, days due).
STANDARD_ONBOARDING = [
    ("HR paperwork", "HR", 3),
    ("I-9 employment eligibility", "HR", 3),
    ("Badge photo and ID badge", "Security", 5),
    ("New-employee orientation", "HR", 7),
    ("EHR access and training", "IT", 7),
    ("Uniform / scrubs fitting", "Department", 7),
]


@track_changes()
class OnboardingTask(models.Model):
    """An item of a program's onboarding checklist, copied to each candidate who accepts."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="onboarding_tasks")
    title = models.CharField(_("item"), max_length=120)
    owner = models.CharField(
        _("owner"), max_length=80, help_text=_("Who takes care of it: HR, IT, the department...")
    )
    due_days = models.PositiveSmallIntegerField(
        _("due (days after the acceptance)"), validators=[MaxValueValidator(120)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["program", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class OnboardingItem(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="onboarding")
    title = models.CharField(max_length=120)
    owner = models.CharField(max_length=80)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """The question bank staff maintain: an interview kit per track, grouped by competency."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="interview_questions")
    competency = models.CharField(_("competency"), max_length=80)
    text = models.TextField(_("question"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["track", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.competency}: {self.text[:60]}"


class Interview(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField(_("date and time"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=45)
    place = models.CharField(_("place or video link"), max_length=250)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="interview_panels")
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"Interview of {self.release.application.person} · {self.starts_at:%b %d}"


class Scorecard(models.Model):
    class Recommendation(models.TextChoices):
        STRONG_YES = "strong_yes", _("Strong yes")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        STRONG_NO = "strong_no", _("Strong no")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    panelist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards"
    )
    ratings = models.JSONField(default=dict, help_text="competency → 1..5")
    strengths = models.TextField(_("strengths"))
    concerns = models.TextField(_("concerns"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "panelist"], name="one_scorecard_each")
        ]

    def __str__(self) -> str:
        return f"Scorecard by {self.panelist} for {self.interview}"
