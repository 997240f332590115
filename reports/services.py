"""Asking for a report (reused while a fresh one exists) and making it in a worker."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from apprenticeship.pdf import render_pdf
from cohorts.models import Apprentice
from notifications.services import email_enqueue_template
from reports.models import Report
from reports.progress import progress_report

FRESH_FOR = timedelta(hours=1)


def progress_report_request(*, apprentice: Apprentice, by: User) -> Report:
    """The apprentice's progress report: the one made in the last hour if there is one,
    else a new one queued for a worker (a web worker never renders a PDF)."""
    from reports.tasks import render_report

    key = f"apprentice:{apprentice.pk}"
    fresh = (
        Report.objects.filter(
            kind=Report.Kind.PROGRESS,
            params_key=key,
            requested_at__gte=timezone.now() - FRESH_FOR,
        )
        .exclude(status=Report.Status.FAILED)
        .order_by("-requested_at")
        .first()
    )
    if fresh:
        return fresh
    report = Report.objects.create(
        kind=Report.Kind.PROGRESS,
        params={"apprentice_id": apprentice.pk},
        params_key=key,
        title=_("Progress report of %(person)s") % {"person": apprentice.person},
        requested_by=by,
    )
    transaction.on_commit(lambda: render_report.delay(report.pk))
    return report


def report_render(*, report_id: int) -> bool:
    """Make the PDF once, store it, tell the person who asked. False when already made."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .get(pk=report_id)
        )
        if report.status != Report.Status.QUEUED:
            return False
        apprentice = Apprentice.objects.get(pk=report.params["apprentice_id"])
        with translation.override(report.requested_by.preferred_language):
            pdf = render_pdf(
                "reports/progress_pdf.html",
                progress_report(apprentice=apprentice, today=timezone.localdate()),
            )
        report.file.save(f"progress-{apprentice.pk}-{report.pk}.pdf", ContentFile(pdf), save=False)
        report.status, report.finished_at = Report.Status.READY, timezone.now()
        report.save(update_fields=["file", "status", "finished_at"])
        email_enqueue_template(
            key=f"report-ready:{report.pk}",
            to=report.requested_by.email,
            template="reports/email/ready",
            context={
                "report": report,
                "link": settings.SITE_URL + reverse("reports:download", args=[report.pk]),
            },
            language=report.requested_by.preferred_language,
        )
    return True


def report_failed(*, report_id: int, error: str) -> None:
    Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.FAILED, error=error[:300], finished_at=timezone.now()
    )
