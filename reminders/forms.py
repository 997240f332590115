from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import Preference
from reminders.rules import CATALOGUE


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["mode", "digest_hour", "quiet_from", "quiet_until"]
        widgets = {
            "mode": forms.RadioSelect,
            "quiet_from": forms.TimeInput(attrs={"type": "time"}),
            "quiet_until": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, muted: set[str], rules: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        for rule in rules:
            self.fields[f"email_{rule.code}"] = forms.BooleanField(
                label=_("Email me: %(rule)s") % {"rule": rule.label},
                required=False,
                initial=rule.code not in muted,
            )

    def clean(self):
        data = super().clean()
        if bool(data.get("quiet_from")) != bool(data.get("quiet_until")):
            raise forms.ValidationError(_("Give both ends of the quiet hours, or neither."))
        if data.get("quiet_from") and data.get("quiet_from") == data.get("quiet_until"):
            raise forms.ValidationError(_("Quiet hours must end at another time than they start."))
        return data

    def emails_for(self) -> dict[str, bool]:
        return {rule.code: self.cleaned_data[f"email_{rule.code}"] for rule in self.rules}


class RuleSettingsForm(forms.Form):
    """On/off and thresholds of every rule of the catalogue."""

    def __init__(self, *args, current: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for rule in CATALOGUE:
            setting = current[rule.code]
            self.fields[f"{rule.code}_enabled"] = forms.BooleanField(
                label=_("%(rule)s: on") % {"rule": rule.label},
                required=False,
                initial=setting.enabled,
            )
            self.fields[f"{rule.code}_days"] = forms.IntegerField(
                label=_("%(rule)s: after (days)") % {"rule": rule.label},
                min_value=0,
                max_value=90,
                initial=setting.days,
            )
            self.fields[f"{rule.code}_escalate"] = forms.IntegerField(
                label=_("%(rule)s: to program staff after (days)") % {"rule": rule.label},
                min_value=1,
                max_value=90,
                required=False,
                initial=setting.escalate_days,
            )

    def rows(self):
        return [
            (
                rule,
                self[f"{rule.code}_enabled"],
                self[f"{rule.code}_days"],
                self[f"{rule.code}_escalate"],
            )
            for rule in CATALOGUE
        ]

    def settings(self) -> list[tuple[str, bool, int, int | None]]:
        data = self.cleaned_data
        return [
            (
                rule.code,
                data[f"{rule.code}_enabled"],
                data[f"{rule.code}_days"],
                data[f"{rule.code}_escalate"],
            )
            for rule in CATALOGUE
        ]
