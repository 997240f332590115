"""People who apply, and their applications moving through the pipeline (DESIGN.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models import Track

if TYPE_CHECKING:
    from accounts.models import User


class Person(models.Model):
    """One human across applications; later the same person becomes the apprentice."""

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("en", "English"), ("es", "Español")],
        default="en",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ApplicationQuerySet:
        """Program staff see every application. Hiring managers see candidates only through
        the hiring app's releases, never through this QuerySet."""
        if user.is_authenticated and user.is_program_staff:
            return self
        return self.none()


class Application(models.Model):
    class Step(models.TextChoices):
        INTEREST = "interest", _("Interested")
        SESSION_ATTENDED = "session_attended", _("Info session attended")
        APPLIED = "applied", _("Applied")
        TESTING = "testing", _("Testing")
        SCREENING = "screening", _("Background and drug screen")
        READY_FOR_HIRE = "ready_for_hire", _("Ready for hire")
        INTERVIEWING = "interviewing", _("Interviewing")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        ONBOARDING = "onboarding", _("Onboarding")
        ENROLLED = "enrolled", _("Enrolled")
        # exits
        WITHDRAWN = "withdrawn", _("Withdrawn")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        FAILED_SCREEN = "failed_screen", _("Did not clear screening")
        NO_SHOW = "no_show", _("No-show")
        DECLINED = "declined", _("Declined offer")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="applications")
    intake_month = models.DateField(_("intake month"), help_text=_("First day of the month."))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.INTEREST)
    step_changed_at = models.DateTimeField(auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["intake_month", "track", "step"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.track} · {self.intake_month:%B %Y}"


class StatusEvent(models.Model):
    """Every move of an application: from, to, when, who, why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_step = models.CharField(max_length=20, choices=Application.Step.choices, blank=True)
    to_step = models.CharField(max_length=20, choices=Application.Step.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_step or '-'} → {self.to_step}"
