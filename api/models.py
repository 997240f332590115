"""Tokens for the systems around the program (timekeeping, HR, the learning system, the data
warehouse) and the replies kept for their Idempotency-Key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField


class Scope(models.TextChoices):
    READ_PROGRAM = "read:program", _("Read the program, tracks, standards and cohorts")
    READ_APPRENTICES = (
        "read:apprentices",
        _("Read apprentices, their status events and wage steps (names, no SSN or birth date)"),
    )
    READ_HOURS = "read:hours", _("Read timesheets and on-the-job hours")
    WRITE_HOURS = "write:hours", _("Send on-the-job hours from timekeeping")
    WRITE_APPRENTICES = "write:apprentices", _("Set an apprentice's employee id and RAPIDS number")
    READ_CLASSROOM = "read:classroom", _("Read class sessions, attendance and grades")
    WRITE_CLASSROOM = "write:classroom", _("Send attendance and grades from the classroom provider")
    READ_HIRING = (
        "read:hiring",
        _("Read requisitions and applications (no EEO answers, SSN or birth date)"),
    )
    SCIM = "scim", _("Provision people from the identity provider (SCIM at /scim/v2/)")


class ApiToken(models.Model):
    """An integration's key: named, with scopes, optionally limited to departments or tracks,
    with an expiry; only a hash is stored (the secret is shown once); revocable. It acts as
    its own account (`user`, no roles, no password) so every change it makes is attributed
    to it in the history and the audit log."""

    name = models.CharField(_("integration"), max_length=100, unique=True)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    departments = models.ManyToManyField(
        "programs.Department",
        blank=True,
        related_name="+",
        verbose_name=_("only these departments"),
    )
    tracks = models.ManyToManyField(
        "programs.Track", blank=True, related_name="+", verbose_name=_("only these tracks")
    )
    mapping = models.ForeignKey(
        "clinic.PayrollMapping",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("timekeeping rules (pay codes, how hours land)"),
    )
    expires_at = models.DateTimeField(_("expires"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class IdempotentReply(models.Model):
    """The reply to a write sent with an Idempotency-Key: the same key and body again get the
    same reply, a different body with the key is refused (kept a day)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotent_reply_unique")
        ]

    def __str__(self) -> str:
        return f"{self.token_id}:{self.key}"


class Event(models.TextChoices):
    APPRENTICE_STATUS_CHANGED = "apprentice.status_changed", _("An apprentice's status changed")
    WAGE_STEP_APPROVED = "wage_step.approved", _("A raise was approved")
    TIMESHEET_APPROVED = "timesheet.approved", _("A preceptor approved a week of hours")
    REPORT_READY = "report.ready", _("A report is made (its download needs a signed-in user)")


class WebhookEndpoint(models.Model):
    """A URL told of events, each delivery signed with the endpoint's secret (HMAC-SHA256 over
    the timestamp and the body, as Stripe and GitHub do). Addresses on the loopback,
    link-local or private networks are refused unless the admin allows this endpoint's host."""

    name = models.CharField(_("integration"), max_length=100)
    url = models.URLField(_("URL"), max_length=400)
    secret = EncryptedCharField(max_length=80)
    events = models.JSONField(default=list)
    allow_private = models.BooleanField(
        _("the host is on our own network"),
        default=False,
        help_text=_("Allow a loopback, link-local or private address (refused otherwise)."),
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event for one endpoint: sent by the worker through the outbox pattern (the row is
    written with the change, sent after commit), retried with backoff, kept as a log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Gave up")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Event.choices)
    key = models.CharField(max_length=120)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "key"], name="webhook_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id}"
