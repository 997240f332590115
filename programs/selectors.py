from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from programs.models import Department, Program, Track, WageRate, WageSchedule


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
    return Track.objects.visible_to(viewer).select_related("program").order_by("program", "name")


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
