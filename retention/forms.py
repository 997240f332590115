from django import forms
from django.utils.translation import gettext_lazy as _

from retention.models import RecordsHold


class HoldForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RecordsHold.Reason.choices)
    note = forms.CharField(label=_("What it concerns"), max_length=300)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Until (empty: until lifted)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    whole_program = forms.BooleanField(
        label=_("Hold every record of the program (the purge pauses)"), required=False
    )
    emails = forms.CharField(
        label=_("Or the applicants held: the emails they applied with, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_emails(self) -> list[str]:
        return [e for e in self.cleaned_data["emails"].split() if e]
