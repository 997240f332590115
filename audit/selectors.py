"""Searching the change history (pghistory event tables) and the personal-data access log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone
from pghistory.models import Event, MiddlewareEvents

from accounts.models import User
from audit.models import PersonalDataAccess


@cache
def history_models() -> tuple[type[Event], ...]:
    return tuple(model for model in apps.get_models() if issubclass(model, Event))


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


def change_history(search: Search):
    models = history_models()
    if search.record_type:
        models = [m for m in models if m.pgh_tracked_model._meta.label == search.record_type]
    events = MiddlewareEvents.objects.across(*models).order_by("-pgh_created_at", "-pgh_id")
    if search.record_id:
        events = events.filter(pgh_obj_id=search.record_id)
    if search.actors is not None:
        events = events.filter(user__in=list(search.actors.values_list("pk", flat=True)))
    if search.since:
        events = events.filter(pgh_created_at__gte=_day_start(search.since))
    if search.until:
        events = events.filter(pgh_created_at__lt=_day_start(search.until) + timezone.timedelta(1))
    return events


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
        entries = entries.filter(at__lt=_day_start(search.until) + timezone.timedelta(1))
    return entries


@dataclass
class Change:
    at: datetime
    actor: User | None
    record_type: str
    record_id: str
    action: str
    changes: list[tuple[str, object, object]]
    page: str


def changes_for_display(events) -> list[Change]:
    """Turn a page of events into rows: field labels, before → after, the user (one query)."""
    events = list(events)
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    users = User.objects.in_bulk([pk for pk in user_ids if pk])
    rows = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        context = event.pgh_context or {}
        action = event.pgh_label
        if action == "update":
            changes = [(_label(model, f), old, new) for f, (old, new) in event.pgh_diff.items()]
        else:  # a creation or a deletion: the values it had, in the model's field order
            changes = [
                (str(f.verbose_name), None, event.pgh_data[f.attname])
                for f in model._meta.concrete_fields
                if f.attname in event.pgh_data
                and not f.primary_key
                and event.pgh_data[f.attname] not in (None, "", [], {})
            ]
        rows.append(
            Change(
                at=event.pgh_created_at,
                actor=users.get(context.get("user")),
                record_type=_record_type_name(model),
                record_id=event.pgh_obj_id,
                action=action,
                changes=changes,
                page=context.get("url", ""),
            )
        )
    return rows


def _label(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return str(field.verbose_name)
    return attname
