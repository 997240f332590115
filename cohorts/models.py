"""Monthly cohorts per track, and the apprentices enrolled in them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, Person
from programs.models import Department, Track

if TYPE_CHECKING:
    from accounts.models import User


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CohortQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_program_staff:
            return self
        return self.filter(Q(instructors=user) | Q(apprentices__person__user=user)).distinct()


class Cohort(models.Model):
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="cohorts")
    start_date = models.DateField(_("start date"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=12)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taught_cohorts"
    )

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
    employment_start = models.DateField(_("employment start"))
    probation_end = models.DateField(_("probation ends"))
    starting_hourly_rate = models.DecimalField(
        _("starting hourly rate"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.PENDING_REGISTRATION
    )
    rapids_id = models.CharField(_("RAPIDS apprentice id"), max_length=32, blank=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "person__last_name"]

    def __str__(self) -> str:
        return f"{self.person} · {self.cohort}"


class ApprenticeEvent(models.Model):
    """The status lifecycle: every change with date, reason, who, and whether in probation."""

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
    during_probation = models.BooleanField(default=False)
    reported_to_dol_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.from_status or '-'} → {self.to_status}"
