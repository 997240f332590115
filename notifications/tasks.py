from celery import shared_task

from notifications import services


@shared_task(acks_late=True)
def send_outbound_email(email_id: int) -> bool:
    return services.outbound_email_send(email_id=email_id)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Send what was stored but not sent (broker down at the time, SMTP failure)."""
    sent = 0
    for email_id in services.outbox_unsent_ids():
        sent += services.outbound_email_send(email_id=email_id)
    return sent
