from unittest import mock

import pytest

from notifications.models import OutboundEmail
from notifications.services import Attachment, email_enqueue
from notifications.tasks import send_outbound_email, sweep_outbox


@pytest.mark.django_db
def test_it_sends_once_after_commit_with_the_attachment(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(
            key="booking:1",
            to="dana@example.org",
            subject="See you Tuesday",
            body="Hi",
            attachment=Attachment("session.ics", "BEGIN:VCALENDAR", "text/calendar"),
        )
        email_enqueue(key="booking:1", to="dana@example.org", subject="again", body="again")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "See you Tuesday"
    assert mailoutbox[0].attachments[0][0] == "session.ics"
    assert send_outbound_email(OutboundEmail.objects.get().pk) is False  # redelivery: no send
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_broker_outage_loses_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with (
        mock.patch(
            "notifications.tasks.send_outbound_email.delay", side_effect=ConnectionError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        email = email_enqueue(key="interest:7", to="x@example.org", subject="S", body="B")
    assert mailoutbox == []
    OutboundEmail.objects.filter(pk=email.pk).update(
        created_at=email.created_at - __import__("datetime").timedelta(minutes=5)
    )
    assert sweep_outbox() == 1
    assert len(mailoutbox) == 1
    assert sweep_outbox() == 0


@pytest.mark.django_db
def test_an_smtp_failure_is_recorded_and_retried_by_the_sweep(
    mailoutbox, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=OSError("smtp"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        email = email_enqueue(key="k", to="x@example.org", subject="S", body="B")
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1 and "smtp" in email.last_error
