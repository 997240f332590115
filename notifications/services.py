from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from apprenticeship.plaintext import render_text
from notifications.models import OutboundEmail
from notifications.tasks import send_outbound_email

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


def email_enqueue(
    *,
    key: str,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    attachment: Attachment | None = None,
) -> OutboundEmail:
    """Store the email and send it after the transaction commits. Same key: stored once.

    If the broker is unreachable the row stays unsent and the beat sweep sends it later, so a
    public form never fails because of Celery.
    """
    email, created = OutboundEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject,
            "body": body,
            "html_body": html_body,
            "attachment_name": attachment.filename if attachment else "",
            "attachment_content": attachment.content if attachment else "",
            "attachment_mimetype": attachment.mimetype if attachment else "",
        },
    )
    if created:
        transaction.on_commit(lambda: send_outbound_email.delay(email.pk), robust=True)
    return email


def email_enqueue_template(
    *,
    key: str,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str = "en",
    attachment: Attachment | None = None,
) -> OutboundEmail:
    """Render `<template>_subject.txt`, `<template>.txt` and, if present, `<template>.html`
    in the recipient's language, then enqueue."""
    with translation.override(language):
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        body = render_text(f"{template}.txt", context)
        try:
            html_body = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html_body = ""
    return email_enqueue(
        key=key, to=to, subject=subject, body=body, html_body=html_body, attachment=attachment
    )


def outbound_email_send(*, email_id: int) -> bool:
    """Send one stored email if it is still unsent. Safe to call twice."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at=None)
            .first()
        )
        if email is None:
            return False
        message = EmailMultiAlternatives(email.subject, email.body, None, [email.to])
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        if email.attachment_name:
            message.attach(
                email.attachment_name, email.attachment_content, email.attachment_mimetype
            )
        email.attempts += 1
        try:
            message.send()
        except OSError as exc:
            email.last_error = str(exc)[:500]
            # Backoff: 30 s, 1 min, 2 min, ... up to an hour between tries.
            email.retry_at = timezone.now() + timezone.timedelta(
                seconds=min(30 * 2 ** (email.attempts - 1), 3600)
            )
            email.save(update_fields=["attempts", "last_error", "retry_at"])
            logger.warning("Email %s not sent (attempt %s): %s", email.pk, email.attempts, exc)
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def outbox_unsent_ids(*, older_than_seconds: int | None = None, limit: int = 200) -> list[int]:
    if older_than_seconds is None:
        older_than_seconds = settings.OUTBOX_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return list(
        OutboundEmail.objects.filter(
            Q(retry_at=None) | Q(retry_at__lte=timezone.now()),
            sent_at=None,
            created_at__lte=cutoff,
            attempts__lt=MAX_ATTEMPTS,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
