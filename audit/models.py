"""Who read or changed personal data. Rows are written, never edited or deleted."""

import pgtrigger
from django.conf import settings
from django.db import models


class PersonalDataAccess(models.Model):
    class Action(models.TextChoices):
        READ = "read", "Read"
        CHANGE = "change", "Change"
        EXPORT = "export", "Export"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=8, choices=Action.choices)
    subject_type = models.CharField(max_length=60, help_text="app_label.model of the record")
    subject_id = models.CharField(max_length=40)
    subject_label = models.CharField(max_length=200, blank=True)
    fields = models.JSONField(default=list, help_text="Names of the personal fields, never values")
    purpose = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        # The database itself refuses to edit or delete an entry, whoever asks.
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.subject_type}"
