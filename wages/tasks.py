"""Celery tasks over the wages services, which are imported inside each task (the services
queue these tasks)."""

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def end_probations() -> int:
    """Nightly: apprentices whose probation ended become active (idempotent)."""
    from wages.lifecycle import probation_end_sweep

    return probation_end_sweep()


@shared_task(acks_late=True)
def hours_steps() -> int:
    """Nightly, behind the signal: every hours step reached and not yet made (idempotent);
    and any certificate of completion whose PDF was never made is queued again."""
    from wages.models import CompletionCertificate

    for pk in CompletionCertificate.objects.filter(file="").values_list("pk", flat=True):
        render_completion_certificate.delay(pk)
    from wages.models import Agreement

    for pk in Agreement.objects.filter(pdf="", sponsor_signed_at__isnull=False).values_list(
        "pk", flat=True
    ):
        render_agreement.delay(pk)
    from wages.credentials import credentials_award
    from wages.steps import hours_steps_trigger

    credentials_award(today=timezone.localdate())
    return hours_steps_trigger(today=timezone.localdate())


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_completion_certificate(certificate_id: int) -> bool:
    """Render and store the certificate PDF once; a second run finds it made."""
    from wages.certificates import certificate_render

    return certificate_render(certificate_id=certificate_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_agreement(agreement_id: int) -> bool:
    """The signed agreement's PDF, once; a second run finds it made."""
    from wages.agreements import agreement_render

    return agreement_render(agreement_id=agreement_id)
