"""The forms of the reports pages: the program report, the dashboard, the availability
figures, the RAPIDS files and the registration details staff complete."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants import forms as applicant_forms
from apprenticeship.fields import AsciiDecimalField
from cohorts.models import Cohort
from programs.models import Track, WageUnit
from reports.models import Availability


class ProgramReportForm(forms.Form):
    track = forms.ModelChoiceField(label=gettext_lazy("Track"), queryset=Track.objects.all())
    start = forms.DateField(
        label=gettext_lazy("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Period to"), widget=forms.DateInput(attrs={"type": "date"})
    )


class PeriodForm(forms.Form):
    track = forms.ModelChoiceField(label=gettext_lazy("Track"), queryset=Track.objects.all())
    start = forms.DateField(
        label=gettext_lazy("Intake months from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Intake months to"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AvailabilityForm(forms.Form):
    source = forms.CharField(
        label=gettext_lazy("Source of the figures"),
        max_length=200,
        help_text=gettext_lazy("e.g. ACS 2019-2023, St. Louis MSA, healthcare support workers"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Availability.Group.choices:
            self.fields[value] = AsciiDecimalField(
                label=_("%(group)s, available (%%)") % {"group": label},
                min_value=0,
                max_value=100,
                decimal_places=2,
                required=False,
            )


class DashboardForm(forms.Form):
    track = forms.ModelChoiceField(
        label=gettext_lazy("Track"), queryset=Track.objects.all(), required=False
    )
    start = forms.DateField(
        label=gettext_lazy("Period from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("Period to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RapidsFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("File"),
        choices=[
            ("registrations", gettext_lazy("New registrations")),
            ("updates", gettext_lazy("Status updates")),
        ],
        required=False,
    )
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Cohort"),
        queryset=Cohort.objects.select_related("track").order_by("-start_date"),
        required=False,
        empty_label=gettext_lazy("Every cohort"),
    )


class RegistrationDetailsForm(applicant_forms.RegistrationDetailsForm):
    prior_wage = AsciiDecimalField(
        label=gettext_lazy("Wage in the last job before the apprenticeship ($, 0 for none)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )
    prior_wage_unit = forms.ChoiceField(label=gettext_lazy("Paid"), choices=WageUnit.choices)
