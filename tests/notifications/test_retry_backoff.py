"""An SMTP failure is retried with backoff (30 s, then twice as long each time, at most an
hour), and the sweep leaves a failed email alone until its next try is due."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import OutboundEmail
from notifications.services import outbound_email_send, outbox_unsent_ids


@pytest.mark.django_db
def test_a_failed_send_waits_longer_each_time(settings, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    email = OutboundEmail.objects.create(key="k", to="a@example.org", subject="S", body="B")
    waits = []
    for _ in range(8):
        before = timezone.now()
        assert outbound_email_send(email_id=email.pk) is False
        email.refresh_from_db()
        waits.append(round((email.retry_at - before).total_seconds()))
    assert waits[:4] == [30, 60, 120, 240]
    assert waits[-1] == 3600
    assert email.last_error == "connection refused"


@pytest.mark.django_db
def test_the_sweep_skips_an_email_until_its_retry_is_due():
    past = timezone.now() - timedelta(minutes=5)
    waiting = OutboundEmail.objects.create(
        key="w",
        to="a@example.org",
        subject="S",
        body="B",
        attempts=1,
        retry_at=timezone.now() + timedelta(minutes=1),
    )
    due = OutboundEmail.objects.create(
        key="d",
        to="a@example.org",
        subject="S",
        body="B",
        attempts=1,
        retry_at=timezone.now() - timedelta(seconds=1),
    )
    OutboundEmail.objects.filter(pk__in=[waiting.pk, due.pk]).update(created_at=past)
    assert outbox_unsent_ids(older_than_seconds=60) == [due.pk]
