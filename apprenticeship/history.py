"""Change history with before/after for the records that matter to the program (statuses,
hours, grades, wages, settings), kept by PostgreSQL triggers (django-pghistory), so bulk
updates and changes made outside a view are recorded too. Entries are append-only.

Personal fields (date of birth, SSN, EEO answers, screening details) and private link tokens
are never copied into the history: their reads and changes go to audit.PersonalDataAccess.
"""

from collections.abc import Iterable

import pghistory
from django.db import models


def track_changes(*, exclude: Iterable[str] = (), app_label: str | None = None, model_name=""):
    """Class decorator: record inserts, updates and deletes of the model as `<Model>History`."""

    def decorator(model):
        return pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            model_name=model_name or f"{model.__name__}History",
            app_label=app_label,
            exclude=list(exclude),
            # `history`: some models already have an `events` timeline of their own.
            obj_field=pghistory.ObjForeignKey(related_name="history"),
            # The audit log reads each table newest first.
            meta={"indexes": [models.Index(fields=["-pgh_created_at", "-pgh_id"])]},
        )(model)

    return decorator
