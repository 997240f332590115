"""Changes that other systems subscribe to, turned into webhook deliveries in the same
transaction (the delivery is written with the change and sent after commit). Outbound news
only: nothing here changes a record of the program."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from api.models import Event
from api.webhooks import webhook_emit
from clinic.models import Timesheet
from cohorts.models import ApprenticeEvent
from reports.models import Report
from reports.signals import report_ready
from wages.models import WageStep


def status_changed(event: ApprenticeEvent) -> int:
    return webhook_emit(
        event=Event.APPRENTICE_STATUS_CHANGED,
        key=str(event.pk),
        data={
            "apprentice": event.apprentice_id,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "effective_on": event.effective_on.isoformat(),
            "reason_code": event.reason_code,
        },
    )


@receiver(post_save, sender=ApprenticeEvent, dispatch_uid="webhook-status")
def _status_changed(sender, instance: ApprenticeEvent, created: bool, **kwargs) -> None:
    if created and instance.from_status != instance.to_status:
        status_changed(instance)


@receiver(post_save, sender=WageStep, dispatch_uid="webhook-wage-step")
def _wage_step(sender, instance: WageStep, **kwargs) -> None:
    if instance.status == WageStep.Status.APPROVED:
        webhook_emit(
            event=Event.WAGE_STEP_APPROVED,
            key=str(instance.pk),
            data={
                "apprentice": instance.apprentice_id,
                "step": instance.key,
                "hourly_rate": str(instance.hourly_rate),
                "effective_on": instance.effective_on.isoformat(),
            },
        )


@receiver(post_save, sender=Timesheet, dispatch_uid="webhook-timesheet")
def _timesheet(sender, instance: Timesheet, **kwargs) -> None:
    if instance.status == Timesheet.Status.APPROVED and instance.decided_at:
        webhook_emit(
            event=Event.TIMESHEET_APPROVED,
            key=f"{instance.pk}:{instance.decided_at.isoformat()}",
            data={
                "apprentice": instance.apprentice_id,
                "week_start": instance.week_start.isoformat(),
                "total_hours": str(instance.total_hours),
            },
        )


@receiver(report_ready, dispatch_uid="webhook-report")
def _report_ready(sender, report: Report, **kwargs) -> None:
    webhook_emit(
        event=Event.REPORT_READY,
        key=str(report.pk),
        data={
            "report": report.pk,
            "kind": report.kind,
            "title": report.title,
            "download": reverse("reports:download", args=[report.pk]),
        },
    )
