from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import Event, Scope
from clinic.models import PayrollMapping
from programs.models import Department, Track


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Integration"),
        max_length=100,
        help_text=_("Who uses it, e.g. Kronos timekeeping, Workday HR, the data warehouse"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may do"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Only these departments (none: every department)"),
        queryset=Department.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tracks = forms.ModelMultipleChoiceField(
        label=_("Only these tracks (none: every track)"),
        queryset=Track.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mapping = forms.ModelChoiceField(
        label=_("Timekeeping rules, for sending hours"),
        queryset=PayrollMapping.objects.order_by("name"),
        required=False,
        help_text=_("The payroll mapping whose pay codes, rounding and landing the hours follow."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + timedelta(days=365)


class WebhookForm(forms.Form):
    name = forms.CharField(label=_("Integration"), max_length=100)
    url = forms.URLField(
        label=_("URL to send events to"),
        max_length=400,
        assume_scheme="https",
        help_text=_("e.g. https://hr.example.org/hooks/apprenticeship"),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )
    allow_private = forms.BooleanField(
        label=_("The host is on our own network (allow a private address)"), required=False
    )
