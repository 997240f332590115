"""Writes to the program, its tracks and departments (program admins only, see views)."""

from django.db import transaction
from django.forms import ModelForm

from programs.models import Department, Program, Track


@transaction.atomic
def program_update(*, program: Program, data: dict) -> Program:
    for field, value in data.items():
        setattr(program, field, value)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def track_save(*, track: Track, data: dict) -> Track:
    for field, value in data.items():
        setattr(track, field, value)
    track.full_clean()
    track.save()
    return track


@transaction.atomic
def department_save(*, department: Department, data: dict) -> Department:
    people = {
        name: data.pop(name)
        for name in ("hiring_managers", "preceptors", "approvers")
        if name in data
    }
    for field, value in data.items():
        setattr(department, field, value)
    department.full_clean()
    department.save()
    for name, users in people.items():
        getattr(department, name).set(users)
    return department


def form_data(form: ModelForm) -> dict:
    """The cleaned values of a ModelForm's own fields, for a service to apply."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields}
