from django import forms
from django.utils.translation import gettext_lazy as _

from audit.selectors import record_type_choices


class AuditSearchForm(forms.Form):
    CHANGES, PERSONAL = "changes", "personal"
    log = forms.ChoiceField(
        label=_("Log"),
        choices=[(CHANGES, _("Changes")), (PERSONAL, _("Personal data reads and changes"))],
        required=False,
    )
    record_type = forms.ChoiceField(label=_("Record"), required=False)
    record_id = forms.CharField(label=_("Record number"), max_length=40, required=False)
    who = forms.CharField(label=_("Who (name or email)"), max_length=120, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [("", _("Any record")), *record_type_choices()]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data
