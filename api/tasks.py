from celery import shared_task


@shared_task(acks_late=True)
def deliver_webhook(delivery_id: int) -> bool:
    from api.webhooks import delivery_send

    return delivery_send(delivery_id=delivery_id)


@shared_task
def sweep_webhooks() -> int:
    """Every minute: deliveries due for a retry (or whose first send was lost)."""
    from api.webhooks import deliveries_due

    due = deliveries_due()
    for delivery_id in due:
        deliver_webhook.delay(delivery_id)
    return len(due)
