"""The one way a service applies a form's values to a model: only the fields it names, then
validation, then the save, then many-to-many fields (they need the row saved)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(
    *, instance: M, data: Mapping, fields: Iterable[str], many_to_many: Iterable[str] = ()
) -> M:
    fields, many_to_many = tuple(fields), tuple(many_to_many)
    unknown = set(data) - set(fields) - set(many_to_many)
    if unknown:  # a caller passing what the service does not allow is a programming error
        raise TypeError(f"{type(instance).__name__} cannot take {sorted(unknown)}")
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean()
    instance.save()
    for name in many_to_many:
        if name in data:
            getattr(instance, name).set(data[name])
    return instance
