from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from accounts.models import User
from programs.models import Department, Program, Standard, Track, WageRate, WageSchedule


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
