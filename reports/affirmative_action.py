"""The yearly review of the affirmative action program (29 CFR 30.4-30.9): for each
occupation (track), the utilization analysis against availability and goals (30.5, 30.6), the
7% disability analysis (30.7) and adverse impact at each selection step (30.4(d), 1607.4(D));
for the program, the outreach and recruitment record (30.8). Figures are plain values so a
saved review keeps what the admin saw."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from applicants.models import OutreachSource
from programs.models import Program, Track
from reports.equal_opportunity import adverse_impact, disability_utilization, workforce


def _percent(value) -> str:
    return "" if value is None else f"{value}%"


def _groups(groups) -> list[dict]:
    return [
        {
            "group": g.group,
            "considered": g.considered,
            "selected": g.selected,
            "rate": g.rate_percent,
            "impact": g.impact_percent,
            "suppressed": g.suppressed,
            "adverse": g.adverse,
        }
        for g in groups
    ]


def track_figures(*, track: Track, start: date, end: date) -> dict:
    rows, total, undisclosed = workforce(track=track)
    disability = disability_utilization(track=track)
    return {
        "track": track.name,
        "apprentices": total,
        "undisclosed": undisclosed,
        "utilization": [
            {
                "label": r.label,
                "count": r.count,
                "share": r.share_percent,
                "available": _percent(r.available),
                "goal": _percent(r.goal),
                "suppressed": r.suppressed,
                "under": r.under,
            }
            for r in rows
        ],
        "disability": {
            "apprentices": disability.apprentices,
            "answered": disability.answered,
            "with_disability": disability.with_disability,
            "share": disability.share_percent,
            "goal": _percent(disability.goal),
            "suppressed": disability.suppressed,
            "under": disability.under,
        },
        "steps": [
            {
                "step": test.step,
                "flagged": test.flagged,
                "by_race": _groups(test.by_race),
                "by_sex": _groups(test.by_sex),
            }
            for test in adverse_impact(track=track, start=start, end=end)
        ],
    }


def outreach_figures(*, program: Program, start: date, end: date) -> list[dict]:
    """Each source with the year's applications it brought (by intake month)."""
    in_year = Q(
        applications__intake_month__gte=start.replace(day=1), applications__intake_month__lte=end
    )
    sources = (
        OutreachSource.objects.filter(program=program)
        .annotate(
            applied=Count("applications", filter=in_year),
            hired=Count("applications", filter=in_year & Q(applications__apprentice__isnull=False)),
        )
        .filter(Q(held_on__range=(start, end)) | Q(applied__gt=0))
        .order_by("held_on", "name")
    )
    return [
        {
            "name": s.name,
            "kind": str(s.get_kind_display()),
            "held_on": s.held_on.isoformat() if s.held_on else "",
            "audience": s.audience,
            "applied": s.applied,
            "hired": s.hired,
        }
        for s in sources
    ]


def review_figures(*, program: Program, year: int) -> dict:
    """The year's figures as they stand now: adverse impact and outreach for the year's intake
    months (to today in the current year), the workforce as of today."""
    today = timezone.localdate()
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    return {
        "year": year,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "as_of": timezone.now().isoformat(),
        "tracks": [
            track_figures(track=track, start=start, end=end)
            for track in Track.objects.filter(program=program).order_by("name")
        ],
        "outreach": outreach_figures(program=program, start=start, end=end),
    }
