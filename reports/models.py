"""Reports made by a Celery worker and stored: what was asked, by whom, when, with which
parameters; asking again while a fresh one exists gives the same file."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.uploads import private_storage


class Report(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Apprentice progress report")
        PROGRAM = "program", _("Program report")
        TRANSCRIPT = "transcript", _("Transcript for a transfer")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict)
    params_key = models.CharField(max_length=200)
    title = models.CharField(max_length=250)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    table_file = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # When its data was read, and a fingerprint of what it shows: asked again within the
    # hour, it is handed back only when the same fingerprint comes out (nothing changed).
    data_as_of = models.DateTimeField(null=True, blank=True)
    data_version = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["kind", "params_key", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.params_key}"


class Availability(models.Model):
    """29 CFR 30.6: the share of each group among people available for the occupation in the
    recruitment area (from census or labour-market data), entered by a program admin; the
    apprentice workforce is compared with it."""

    class Group(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        HISPANIC = "hispanic", _("Hispanic or Latino")
        AMERICAN_INDIAN = "american_indian", _("American Indian or Alaska Native")
        ASIAN = "asian", _("Asian")
        BLACK = "black", _("Black or African American")
        PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Other Pacific Islander")
        WHITE = "white", _("White")
        TWO_OR_MORE = "two_or_more", _("Two or more races")

    track = models.ForeignKey(
        "programs.Track", on_delete=models.CASCADE, related_name="availability"
    )
    group = models.CharField(max_length=20, choices=Group.choices)
    percent = models.DecimalField(
        _("available (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("source of the figures"), max_length=200)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["track", "group"], name="availability_unique")
        ]

    def __str__(self) -> str:
        return f"{self.track_id} {self.group} {self.percent}%"
