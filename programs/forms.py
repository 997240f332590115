from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from programs.models import Department, Program, Track
from programs.services import (
    DEPARTMENT_FIELDS,
    DEPARTMENT_PEOPLE,
    PROGRAM_FIELDS,
    TRACK_FIELDS,
)


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = list(PROGRAM_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "pay_period_start": forms.DateInput(attrs={"type": "date"}),
        }


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = list(TRACK_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


def _people_with(role: str):
    return User.objects.filter(is_active=True).with_role(role).order_by("full_name")


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = [*DEPARTMENT_FIELDS[:4], *DEPARTMENT_PEOPLE, "is_active"]
        widgets = {
            "hiring_managers": forms.CheckboxSelectMultiple,
            "preceptors": forms.CheckboxSelectMultiple,
            "approvers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hiring_managers"].queryset = _people_with(Role.HIRING_MANAGER)
        self.fields["preceptors"].queryset = _people_with(Role.PRECEPTOR)
        self.fields["approvers"].queryset = _people_with(Role.DEPARTMENT_APPROVER)
        self.fields["hiring_managers"].help_text = _("People with the hiring manager role.")
        self.fields["preceptors"].help_text = _("People with the preceptor role.")
