import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def render_report(report_id: int) -> bool:
    """Make a stored report's file once (a second run finds it made). The services are
    imported here: they queue this task."""
    from reports import services

    try:
        return services.report_render(report_id=report_id)
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        services.report_failed(report_id=report_id, error=type(exc).__name__)
        raise
