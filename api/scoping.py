"""What a token may reach: the program's records, narrowed to its departments and tracks when
it is limited to some. Every view fetches through these, so a token limited to Cardiology
gets 404 for a Pediatrics apprentice."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from api.models import ApiToken
from applicants.models import Application
from cohorts.models import Apprentice, Cohort
from hiring.models import Requisition
from programs.models import Track


def _limits(token: ApiToken) -> tuple[list[int], list[int]]:
    if not hasattr(token, "_limits"):
        token._limits = (
            list(token.departments.values_list("pk", flat=True)),
            list(token.tracks.values_list("pk", flat=True)),
        )
    return token._limits


def tracks_for(token: ApiToken) -> QuerySet[Track]:
    _departments, tracks = _limits(token)
    found = Track.objects.all()
    return found.filter(pk__in=tracks) if tracks else found


def cohorts_for(token: ApiToken) -> QuerySet[Cohort]:
    return Cohort.objects.filter(track__in=tracks_for(token))


def apprentices_for(token: ApiToken) -> QuerySet[Apprentice]:
    departments, tracks = _limits(token)
    found = Apprentice.objects.all()
    if departments:
        found = found.filter(department_id__in=departments)
    if tracks:
        found = found.filter(cohort__track_id__in=tracks)
    return found


def changed_since(queryset: QuerySet, since: datetime) -> QuerySet:
    """Records created or changed at or after `since`, from their change history (kept by
    triggers, so bulk writes count too)."""
    history = queryset.model._meta.get_field("history").related_model
    return queryset.filter(
        Exists(history.objects.filter(pgh_obj_id=OuterRef("pk"), pgh_created_at__gte=since))
    )


def requisitions_for(token: ApiToken) -> QuerySet[Requisition]:
    departments, tracks = _limits(token)
    found = Requisition.objects.all()
    if departments:
        found = found.filter(department_id__in=departments)
    if tracks:
        found = found.filter(track_id__in=tracks)
    return found


def applications_for(token: ApiToken) -> QuerySet[Application]:
    """Applications of the token's tracks; a token limited to departments sees those released
    to their requisitions."""
    departments, tracks = _limits(token)
    found = Application.objects.all()
    if tracks:
        found = found.filter(track_id__in=tracks)
    if departments:
        found = found.filter(releases__requisition__department_id__in=departments).distinct()
    return found
