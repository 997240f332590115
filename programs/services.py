"""Writes to the program, its tracks and departments (program admins only, see views)."""

from django.db import transaction
from django.forms import ModelForm

from apprenticeship.updates import model_update
from programs.models import Department, Program, Track

PROGRAM_FIELDS = (
    "name",
    "sponsor_name",
    "dol_program_number",
    "registration_agency",
    "registration_agency_name",
    "address",
    "contact_email",
    "contact_phone",
    "staff_email_domain",
)
TRACK_FIELDS = (
    "program",
    "name",
    "slug",
    "kind",
    "description",
    "onet_code",
    "rapids_occupation_code",
    "certification_name",
    "term_weeks",
    "rti_weeks",
    "planned_rti_hours",
    "planned_ojl_hours",
    "probation_days",
    "is_active",
)
DEPARTMENT_FIELDS = ("program", "name", "location", "phone", "is_active")
DEPARTMENT_PEOPLE = ("hiring_managers", "preceptors", "approvers")


@transaction.atomic
def program_update(*, program: Program, data: dict) -> Program:
    return model_update(instance=program, data=data, fields=PROGRAM_FIELDS)


@transaction.atomic
def track_save(*, track: Track, data: dict) -> Track:
    return model_update(instance=track, data=data, fields=TRACK_FIELDS)


@transaction.atomic
def department_save(*, department: Department, data: dict) -> Department:
    return model_update(
        instance=department, data=data, fields=DEPARTMENT_FIELDS, many_to_many=DEPARTMENT_PEOPLE
    )


def form_data(form: ModelForm) -> dict:
    """The cleaned values of a ModelForm's own fields, for a service to apply."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields}
