"""Searching the change history (pghistory event tables) and the personal-data access log.

The change history lives in one event table per tracked model. A page of it is read newest
first from each table (an index on the time), merged here, and continued with a cursor (the
last row's time, table and id) rather than a page number: no count over every table.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from django.apps import apps
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from pghistory.models import Event

from accounts.models import User
from apprenticeship.validators import is_ascii_digits
from audit.models import PersonalDataAccess

PAGE_SIZE = 50


@cache
def history_models() -> tuple[type[Event], ...]:
    return tuple(
        sorted(
            (model for model in apps.get_models() if issubclass(model, Event)),
            key=lambda model: model._meta.label,
        )
    )


def record_type_choices() -> list[tuple[str, str]]:
    """(app_label.Model, "Verbose name") of every record with a change history."""
    tracked = {m.pgh_tracked_model._meta.label: m.pgh_tracked_model for m in history_models()}
    return sorted(
        ((label, _record_type_name(model)) for label, model in tracked.items()),
        key=lambda choice: choice[1],
    )


def _record_type_name(model) -> str:
    if model._meta.auto_created:  # the user ↔ group table
        return "Role membership"
    return str(model._meta.verbose_name).capitalize()


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class Search:
    record_type: str = ""
    record_id: str = ""
    actors: QuerySet[User] | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Cursor:
    """Where a page of changes ended: rows strictly older than this come next."""

    at: datetime
    table: str
    pk: int

    def encode(self) -> str:
        return f"{self.at.isoformat()}|{self.table}|{self.pk}"

    @classmethod
    def decode(cls, text: str) -> Cursor | None:
        try:
            at, table, pk = text.split("|")
            moment = parse_datetime(at)
            return cls(moment, table, int(pk)) if moment and moment.tzinfo else None
        except ValueError:
            return None


def _older_than(model, cursor: Cursor) -> Q:
    table = model._meta.label
    if table < cursor.table:
        same_moment = Q(pgh_created_at=cursor.at)
    elif table == cursor.table:
        same_moment = Q(pgh_created_at=cursor.at, pgh_id__lt=cursor.pk)
    else:
        same_moment = Q(pk__in=[])
    return Q(pgh_created_at__lt=cursor.at) | same_moment


def _events(model, search: Search, actor_ids: list[int] | None, before: Cursor | None):
    events = model.objects.select_related("pgh_context").order_by("-pgh_created_at", "-pgh_id")
    if search.record_id:
        if not is_ascii_digits(search.record_id):
            return model.objects.none()
        events = events.filter(pgh_obj_id=int(search.record_id))
    if actor_ids is not None:
        events = events.filter(pgh_context__metadata__user__in=actor_ids)
    if search.since:
        events = events.filter(pgh_created_at__gte=_day_start(search.since))
    if search.until:
        events = events.filter(pgh_created_at__lt=_day_start(search.until) + timedelta(1))
    if before:
        events = events.filter(_older_than(model, before))
    return events


def _sort_key(event) -> tuple:
    return (event.pgh_created_at, event._meta.label, event.pgh_id)


def change_history_page(
    search: Search, before: Cursor | None = None, size: int = PAGE_SIZE
) -> tuple[list[Change], Cursor | None]:
    """The `size` newest changes matching `search` older than `before`, and the cursor of
    the next page (None when there is no more)."""
    models = [
        m
        for m in history_models()
        if not search.record_type or m.pgh_tracked_model._meta.label == search.record_type
    ]
    actor_ids = None
    if search.actors is not None:
        actor_ids = list(search.actors.values_list("pk", flat=True))
        if not actor_ids:
            return [], None
    newest = heapq.nlargest(
        size + 1,
        (e for m in models for e in _events(m, search, actor_ids, before)[: size + 1]),
        key=_sort_key,
    )
    page = newest[:size]
    last = page[-1] if len(newest) > size else None
    cursor = Cursor(last.pgh_created_at, last._meta.label, last.pgh_id) if last else None
    return changes_for_display(page), cursor


@dataclass
class Change:
    at: datetime
    actor: User | None
    record_type: str
    record_id: str
    action: str
    changes: list[tuple[str, object, object]]
    page: str


def _tracked_fields(event_model):
    """The copied fields of the tracked record, without its id (the row already shows it)."""
    record_id = event_model.pgh_tracked_model._meta.pk.attname
    return [
        f
        for f in event_model._meta.concrete_fields
        if not f.name.startswith("pgh_") and f.attname != record_id
    ]


def _previous_events(events: list) -> dict[tuple[str, int], object]:
    """For each update event, the event of the same record just before it (its old values):
    two queries per table on the page."""
    previous = {}
    by_model: dict[type, list[int]] = {}
    for event in events:
        if event.pgh_label == "update":
            by_model.setdefault(type(event), []).append(event.pgh_id)
    for model, ids in by_model.items():
        before = model.objects.filter(
            pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id")
        ).order_by("-pgh_id")
        links = dict(
            model.objects.filter(pgh_id__in=ids)
            .annotate(previous_id=Subquery(before.values("pgh_id")[:1]))
            .values_list("pgh_id", "previous_id")
        )
        rows = model.objects.in_bulk([p for p in links.values() if p])
        for event_id, previous_id in links.items():
            if previous_id in rows:
                previous[(model._meta.label, event_id)] = rows[previous_id]
    return previous


def changes_for_display(events: list) -> list[Change]:
    """Rows of a page: field labels, before → after, who (one query for the people)."""
    contexts = {e.pgh_context_id: (e.pgh_context.metadata if e.pgh_context else {}) for e in events}
    user_ids = {ctx.get("user") for ctx in contexts.values()} - {None}
    users = User.objects.in_bulk(list(user_ids))
    previous = _previous_events(events)
    rows = []
    for event in events:
        fields = _tracked_fields(type(event))
        old = previous.get((event._meta.label, event.pgh_id))
        if old is not None:
            changes = [
                (str(f.verbose_name), getattr(old, f.attname), getattr(event, f.attname))
                for f in fields
                if getattr(old, f.attname) != getattr(event, f.attname)
            ]
        else:  # created, deleted, or changed before the history began: the values it had
            changes = [
                (str(f.verbose_name), None, getattr(event, f.attname))
                for f in fields
                if getattr(event, f.attname) not in (None, "", [], {})
            ]
        context = contexts[event.pgh_context_id]
        rows.append(
            Change(
                at=event.pgh_created_at,
                actor=users.get(context.get("user")),
                record_type=_record_type_name(event.pgh_tracked_model),
                record_id=str(event.pgh_obj_id),
                action=event.pgh_label,
                changes=changes,
                page=context.get("url", ""),
            )
        )
    return rows


def personal_data_accesses(search: Search) -> QuerySet[PersonalDataAccess]:
    entries = PersonalDataAccess.objects.select_related("actor")
    if search.record_type:
        entries = entries.filter(subject_type=search.record_type.lower())
    if search.record_id:
        entries = entries.filter(subject_id=search.record_id)
    if search.actors is not None:
        entries = entries.filter(actor__in=search.actors)
    if search.since:
        entries = entries.filter(at__gte=_day_start(search.since))
    if search.until:
        entries = entries.filter(at__lt=_day_start(search.until) + timedelta(1))
    return entries
