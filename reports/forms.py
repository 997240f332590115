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


FACTOR_COLUMNS = ("market", "feeder", "goal")


class AvailabilityForm(forms.Form):
    """29 CFR 30.5(c), 30.6: the two factors (sources and weight) and, per group, its share in
    each factor and its goal; `rows()` gives the table the template lays out."""

    labour_market_source = forms.CharField(
        label=gettext_lazy("Labour market area: source of the figures"),
        max_length=200,
        help_text=gettext_lazy("e.g. ACS 2019-2023, St. Louis MSA, healthcare support workers"),
    )
    feeder_source = forms.CharField(
        label=gettext_lazy("Feeder pool: source of the figures"),
        max_length=200,
        help_text=gettext_lazy(
            "e.g. the sponsor's patient care technicians eligible to apply, HR, January"
        ),
    )
    labour_market_weight = forms.IntegerField(
        label=gettext_lazy("Weight of the labour market area (%)"),
        min_value=0,
        max_value=100,
        help_text=gettext_lazy("The feeder pool has the rest; the two add up to 100%."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("labour_market_source", "feeder_source", "labour_market_weight"):
            self.fields[name].widget.attrs.update(
                {"class": "form-control", "aria-describedby": f"id_{name}_help"}
            )
        labels = {
            "market": _("share in the labour market area (%%)"),
            "feeder": _("share in the feeder pool (%%)"),
            "goal": _("goal (%%), blank for the availability"),
        }
        for value, group in Availability.Group.choices:
            for column in FACTOR_COLUMNS:
                self.fields[f"{value}_{column}"] = AsciiDecimalField(
                    label=f"{group}: " + labels[column] % {},
                    min_value=0,
                    max_value=100,
                    decimal_places=2,
                    required=False,
                )

    def rows(self) -> list[tuple[str, list]]:
        return [
            (label, [self[f"{value}_{column}"] for column in FACTOR_COLUMNS])
            for value, label in Availability.Group.choices
        ]

    def figures(self) -> dict:
        data = self.cleaned_data
        return {
            value: tuple(data[f"{value}_{column}"] for column in FACTOR_COLUMNS)
            for value in Availability.Group.values
        }

    def basis(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("labour_market_source", "labour_market_weight", "feeder_source")
        }


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


class AffirmativeActionReviewForm(forms.Form):
    notes = forms.CharField(
        label=gettext_lazy("Findings"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What the figures show: underutilization, adverse impact, outreach."
        ),
    )
    action_plan = forms.CharField(
        label=gettext_lazy("Action plan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What the program will do about it, by whom and when (29 CFR 30.8, 30.9)."
        ),
    )
