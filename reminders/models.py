"""Reminders: one row per (rule, recipient, object, period), which is also the notification
centre's item. The unique key makes a sweep run twice, a retry or a killed worker write and
send nothing twice; the email itself goes through the outbox with the same key."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleSetting(models.Model):
    """An admin's choice for one rule of the catalogue: on or off and its thresholds."""

    code = models.CharField(max_length=40, unique=True)
    enabled = models.BooleanField(_("on"), default=True)
    days = models.PositiveSmallIntegerField(
        _("after (days)"), validators=[MinValueValidator(0), MaxValueValidator(90)]
    )
    escalate_days = models.PositiveSmallIntegerField(
        _("to program staff after (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )

    def __str__(self) -> str:
        return self.code


class Reminder(models.Model):
    class Email(models.TextChoices):
        WAITING = "", _("Waiting")
        SENT = "sent", _("Sent")
        DIGEST = "digest", _("In a digest")
        MUTED = "muted", _("Not emailed (unsubscribed)")
        DONE = "done", _("Not sent: done before sending")

    key = models.CharField(max_length=255, unique=True)
    rule = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    period = models.CharField(max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    email = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    title = models.CharField(max_length=250)
    url = models.CharField(max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    emailed = models.CharField(max_length=8, choices=Email.choices, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "done_at"], name="reminder_open_by_user"),
            models.Index(fields=["rule"], condition=Q(done_at=None), name="reminder_open_by_rule"),
        ]

    def __str__(self) -> str:
        return self.key


class Preference(models.Model):
    class Mode(models.TextChoices):
        AT_ONCE = "at_once", _("Each reminder as it comes")
        DIGEST = "digest", _("One daily digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    mode = models.CharField(_("email me"), max_length=8, choices=Mode.choices, default=Mode.AT_ONCE)
    digest_hour = models.PositiveSmallIntegerField(
        _("digest at (hour of the day)"), default=7, validators=[MaxValueValidator(23)]
    )
    quiet_from = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet hours until"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.mode}"


class Mute(models.Model):
    """An optional reminder a person unsubscribed from (by email: applicants have no account)."""

    email = models.EmailField()
    rule = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "rule"], name="mute_once")]

    def __str__(self) -> str:
        return f"{self.email}: {self.rule}"
