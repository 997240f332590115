"""One action over many rows (a cohort's placements, a queue's weeks): each row in its own
transaction, a refused row reported by name while the others go through."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

T = TypeVar("T")


def each_reporting_refusals(
    items: Iterable[T], action: Callable[[T], object], *, name: Callable[[T], object]
) -> tuple[int, list[str]]:
    """(how many went through, "<name>: <why>" for each refused one)."""
    done, refused = 0, []
    for item in items:
        try:
            with transaction.atomic():
                action(item)
        except ValidationError as exc:
            refused.append(f"{name(item)}: {' '.join(exc.messages)}")
        else:
            done += 1
    return done, refused
