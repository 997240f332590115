"""The outreach and recruitment record (29 CFR 30.8)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from applicants.models import OutreachSource
from apprenticeship.updates import model_update
from programs.models import Program

OUTREACH_FIELDS = ("kind", "name", "held_on", "audience", "contact", "notes", "is_active")


@transaction.atomic
def outreach_source_save(
    *, source: OutreachSource | None, program: Program, data: dict, by: User
) -> OutreachSource:
    """Record an outreach event or source, or change one; applications that named it keep
    naming it."""
    if source is None:
        source = OutreachSource(program=program, created_by=by)
    return model_update(instance=source, data=data, fields=OUTREACH_FIELDS)
