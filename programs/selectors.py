from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from programs.models import (
    FEDERAL_MINIMUM_WAGE,
    Department,
    MinimumWage,
    Program,
    Standard,
    Track,
    WageRate,
    WageSchedule,
)


def department_list(*, viewer: User) -> QuerySet[Department]:
    people = User.objects.only("id", "full_name", "email")
    return (
        Department.objects.visible_to(viewer)
        .select_related("program")
        .prefetch_related(
            Prefetch("hiring_managers", queryset=people),
            Prefetch("preceptors", queryset=people),
        )
        .order_by("name")
    )


def track_list(*, viewer: User) -> QuerySet[Track]:
    return (
        Track.objects.visible_to(viewer)
        .select_related("program")
        .prefetch_related("standards")
        .order_by("program", "name")
    )


def current_program() -> Program | None:
    """The sponsor's program (one per installation today): the first one created."""
    return Program.objects.order_by("pk").first()


def wage_schedule(track_id: int) -> WageSchedule | None:
    """The version of the track's wage schedule in force (the newest), with its rates."""
    return (
        WageSchedule.objects.filter(track_id=track_id)
        .prefetch_related("rates")
        .order_by("-version")
        .first()
    )


def schedule_rates(schedule: WageSchedule | None) -> list[WageRate]:
    """The steps of a schedule in the order an apprentice earns them."""
    return sorted(schedule.rates.all(), key=lambda rate: rate.sort_key) if schedule else []


def current_rates(track_ids: Iterable[int]) -> dict[int, dict[str, WageRate]]:
    """For each track, the rates of its schedule in force by step key, in two queries."""
    newest = (
        WageSchedule.objects.filter(track_id__in=list(track_ids))
        .order_by("track_id", "-version")
        .distinct("track_id")
    )
    rates: dict[int, dict[str, WageRate]] = {}
    for rate in WageRate.objects.filter(schedule__in=newest).select_related(
        "schedule__track__program"
    ):
        rates.setdefault(rate.schedule.track_id, {})[rate.key] = rate
    return rates


def hire_rate(track_id: int) -> Decimal | None:
    """The rate a new offer proposes: the hire step of the schedule in force."""
    rate = current_rates([track_id]).get(track_id, {}).get(WageRate.Trigger.HIRE)
    return rate.hourly_rate if rate else None


def standard_versions(*, track: Track) -> list[Standard]:
    """Every version of the track's standard, newest first, the one in force marked."""
    versions = list(
        track.standards.select_related("wage_schedule", "created_by").order_by("-version")
    )
    in_force = track.standard_on(timezone.localdate())
    for version in versions:
        version.is_in_force = in_force is not None and version.pk == in_force.pk
    return versions


def standard_modifications(*, viewer: User) -> list[Standard]:
    """Versions of every track's standard, newest first (the modifications sent, or to send,
    to the registration agency), with the apprentices held to each."""
    tracks = Track.objects.visible_to(viewer)
    return list(
        Standard.objects.filter(track__in=tracks)
        .select_related("track")
        .annotate(held=Count("apprentices"))
        .order_by("track__name", "-version")
    )


def wage_schedule_versions(*, viewer: User) -> QuerySet[WageSchedule]:
    return (
        WageSchedule.objects.filter(track__in=Track.objects.visible_to(viewer))
        .select_related("track", "created_by")
        .order_by("track__name", "-version")
    )


@dataclass(frozen=True)
class Floor:
    """The minimum wage an apprentice is paid on a day: the highest of the federal rate and
    each state or local rate in effect (29 CFR 29.5(b)(5))."""

    hourly_rate: Decimal
    jurisdiction: str
    effective_on: date | None


def minimum_wage_on(program_id: int, day: date) -> Floor:
    """The floor on `day`: each jurisdiction's newest rate in effect by then, the highest."""
    newest: dict[str, MinimumWage] = {}
    for row in MinimumWage.objects.filter(program_id=program_id, effective_on__lte=day).order_by(
        "effective_on"
    ):
        newest[row.jurisdiction] = row
    floor = Floor(FEDERAL_MINIMUM_WAGE, str(_("federal")), None)
    for row in newest.values():
        if row.hourly_rate > floor.hourly_rate:
            floor = Floor(row.hourly_rate, row.jurisdiction, row.effective_on)
    return floor


def minimum_wage_floors(program_id: int, since: date) -> list[Floor]:
    """The floor on `since` and at each later change already recorded, in date order: what a
    wage schedule saved today must meet now and when each known rise takes effect."""
    later = (
        MinimumWage.objects.filter(program_id=program_id, effective_on__gt=since)
        .order_by("effective_on")
        .values_list("effective_on", flat=True)
        .distinct()
    )
    days = [since, *later]
    return [minimum_wage_on(program_id, day) for day in days]


def minimum_wages(*, program_id: int) -> QuerySet[MinimumWage]:
    return MinimumWage.objects.filter(program_id=program_id).select_related("created_by")


def schedules_below_floor(*, program_id: int, today: date) -> list[tuple[Track, WageRate, Floor]]:
    """Steps of the schedules in force that a minimum wage in effect or already announced
    reaches above: each must be raised by a new version before that day."""
    floors = minimum_wage_floors(program_id, today)
    tracks = {t.pk: t for t in Track.objects.filter(program_id=program_id, is_active=True)}
    found = []
    for track_id, rates in current_rates(list(tracks)).items():
        for rate in rates.values():
            floor = next((f for f in floors if f.hourly_rate > rate.hourly_rate), None)
            if floor is not None:
                found.append((tracks[track_id], rate, floor))
    return found
