from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from programs.models import Department, Program, Track


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "name",
            "sponsor_name",
            "dol_program_number",
            "registration_agency",
            "registration_agency_name",
            "address",
            "contact_email",
            "contact_phone",
            "staff_email_domain",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = [
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
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


def _people_with(role: str):
    return User.objects.filter(is_active=True).with_role(role).order_by("full_name")


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = [
            "program",
            "name",
            "location",
            "phone",
            "hiring_managers",
            "preceptors",
            "approvers",
            "is_active",
        ]
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
