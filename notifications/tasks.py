"""Celery tasks over the outbox; the services are imported inside each task (they queue
these tasks)."""

from celery import shared_task


@shared_task(acks_late=True)
def send_outbound_email(email_id: int) -> bool:
    from notifications import services

    return services.outbound_email_send(email_id=email_id)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Send what was stored but not sent (broker down at the time, SMTP failure)."""
    from notifications import services

    sent = 0
    for email_id in services.outbox_unsent_ids():
        sent += services.outbound_email_send(email_id=email_id)
    return sent
