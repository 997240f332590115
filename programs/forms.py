from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from programs.models import (
    Department,
    EvaluationCriterion,
    InterimCredential,
    Program,
    Standard,
    Track,
    WageSchedule,
)
from programs.services import (
    DEPARTMENT_FIELDS,
    DEPARTMENT_PEOPLE,
    PROGRAM_FIELDS,
    STANDARD_FIELDS,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement_signatory"].queryset = _people_with(Role.PROGRAM_ADMIN)


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


class StandardForm(forms.ModelForm):
    class Meta:
        model = Standard
        fields = list(STANDARD_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wage_schedule"].queryset = WageSchedule.objects.filter(
            track_id=self.instance.track_id
        ).order_by("-version")
        self.fields["wage_schedule"].help_text = _(
            "The version of the track's wage schedule this standard registers (29 CFR 29.5(b)(5))."
        )


class StandardDateForm(forms.Form):
    """The date of a step of a modification: sent, approved, in force."""

    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["on"].label = label


class CriterionForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=EvaluationCriterion.Area.choices)
    text = forms.CharField(label=_("Criterion, rated 1 to 5"), max_length=200)


class CredentialForm(forms.ModelForm):
    class Meta:
        model = InterimCredential
        fields = ["name", "earned_by", "work_process_title", "ojl_hours"]

    def __init__(self, *args, standard: Standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.standard = standard
        titles = list(
            standard.track.work_processes.filter(is_active=True)
            .order_by("order")
            .values_list("title", flat=True)
        )
        self.fields["work_process_title"] = forms.ChoiceField(
            label=_("work process"),
            required=False,
            choices=[("", _("(not a work-process milestone)"))] + [(t, t) for t in titles],
        )
