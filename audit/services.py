from collections.abc import Iterable

from django.db import models

from accounts.models import User
from audit.models import PersonalDataAccess


def personal_data_record(
    *,
    actor: User | None,
    obj: models.Model,
    fields: Iterable[str],
    action: str = PersonalDataAccess.Action.READ,
    purpose: str = "",
) -> PersonalDataAccess:
    """Record that `actor` read, changed or exported personal `fields` of `obj`.

    Call it wherever a page, export or service shows or changes date of birth, SSN, EEO
    answers or background/drug details. Field names only: never the values.
    """
    return PersonalDataAccess.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject_type=obj._meta.label_lower,
        subject_id=str(obj.pk),
        subject_label=str(obj)[:200],
        fields=sorted(set(fields)),
        purpose=purpose[:200],
    )


def personal_data_record_many(
    *,
    actor: User | None,
    objs: Iterable[models.Model],
    fields: Iterable[str],
    action: str = PersonalDataAccess.Action.READ,
    purpose: str = "",
) -> list[PersonalDataAccess]:
    """The same record for every object of a list page or an export, in one query."""
    fields = sorted(set(fields))
    actor = actor if actor is not None and actor.is_authenticated else None
    return PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(
            actor=actor,
            action=action,
            subject_type=obj._meta.label_lower,
            subject_id=str(obj.pk),
            subject_label=str(obj)[:200],
            fields=fields,
            purpose=purpose[:200],
        )
        for obj in objs
    )
