"""Demo reports: Ed's progress report and this year's program report of the clinical track,
made as a worker would, so My reports is not empty for the program office or for Ed."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from cohorts.models import Apprentice
from programs.models import Track
from reports import services
from reports.models import Report


def seed(users: dict[str, User]) -> None:
    if Report.objects.exists():
        return
    today = timezone.localdate()
    ed = Apprentice.objects.filter(person__user=users["ed"]).first()
    made = []
    if ed:
        made.append(services.progress_report_request(apprentice=ed, by=users["alice"]))
        made.append(services.progress_report_request(apprentice=ed, by=users["ed"]))
    track = Track.objects.filter(kind=Track.Kind.CLINICAL).order_by("pk").first()
    if track:
        made.append(
            services.program_report_request(
                track=track, start=today.replace(month=1, day=1), end=today, by=users["alice"]
            )
        )
    for report in {r.pk: r for r in made}.values():
        services.report_render(report_id=report.pk)
