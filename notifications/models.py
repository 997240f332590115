"""The outbox: every email is a row first, then sent by Celery. Nothing is lost when the
broker is down (the beat sweep sends what was not sent), nothing is sent twice (unique key)."""

from django.db import models


class OutboundEmail(models.Model):
    key = models.CharField(
        max_length=200,
        unique=True,
        help_text="What this email is about, e.g. 'booking-confirmation:42'. One send per key.",
    )
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_content = models.TextField(blank=True)
    attachment_mimetype = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"], name="outbox_unsent_idx", condition=models.Q(sent_at=None)
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.to}"
