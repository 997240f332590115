from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import Role
from cohorts.models import Closure, Cohort
from cohorts.services import COHORT_FIELDS
from programs.models import Track


def _instructors():
    return User.objects.filter(is_active=True).with_role(Role.INSTRUCTOR).order_by("full_name")


class PlanYearForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.active())
    first_month = forms.DateField(
        label=_("First month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text=_("Cohorts start on the first Monday of each month."),
    )
    capacity = forms.IntegerField(
        label=_("Seats per cohort"), min_value=1, max_value=200, initial=12
    )
    classroom_location = forms.CharField(label=_("Classroom location"), max_length=200)
    class_weekday = forms.TypedChoiceField(
        label=_("Class day"),
        choices=Cohort.Weekday.choices,
        coerce=int,
        initial=Cohort.Weekday.WEDNESDAY,
    )
    class_start_time = forms.TimeField(
        label=_("Class starts at"), widget=forms.TimeInput(attrs={"type": "time"}), initial="08:00"
    )
    instructors = forms.ModelMultipleChoiceField(
        label=_("Instructors"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructors"].queryset = _instructors()

    def clean_first_month(self) -> date:
        return self.cleaned_data["first_month"].replace(day=1)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [*COHORT_FIELDS, "instructors"]
        widgets = {
            "class_start_time": forms.TimeInput(attrs={"type": "time"}),
            "instructors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructors"].queryset = _instructors()

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        enrolled = self.instance.apprentices.current().count() if self.instance.pk else 0
        if capacity < enrolled:
            raise forms.ValidationError(
                ngettext(
                    "%(n)d apprentice is enrolled: capacity cannot be lower.",
                    "%(n)d apprentices are enrolled: capacity cannot be lower.",
                    enrolled,
                )
                % {"n": enrolled}
            )
        return capacity


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["date", "reason", "cohort"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
