"""Reports made by a Celery worker and stored: what was asked, by whom, when, with which
parameters; asking again while a fresh one exists gives the same file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.uploads import private_storage


class Report(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Apprentice progress report")
        PROGRAM = "program", _("Program report")

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

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["kind", "params_key", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.params_key}"
