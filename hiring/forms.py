from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort
from programs.models import Department, Track


class RequisitionForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.active())
    cohort = forms.ModelChoiceField(
        label=_("Target cohort (month)"), queryset=Cohort.objects.none()
    )
    positions = forms.IntegerField(label=_("Positions"), min_value=1, max_value=50)
    location = forms.CharField(label=_("Location"), max_length=160)
    shift = forms.CharField(label=_("Shift"), max_length=80, initial="Day, Monday to Friday")

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["cohort"].queryset = Cohort.objects.filter(
            start_date__gte=timezone.localdate()
        ).select_related("track")


class ReleaseForm(forms.Form):
    note = forms.CharField(
        label=_("Note the hiring manager may see"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OfferForm(forms.Form):
    made_on = forms.DateField(
        label=_("Offer made on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    position_title = forms.CharField(
        label=_("Position"), max_length=120, initial="Patient Care Associate"
    )
    hourly_rate = forms.DecimalField(
        label=_("Starting hourly rate ($)"), min_value=1, max_digits=7, decimal_places=2
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("The candidate's answer"),
        widget=forms.RadioSelect,
        choices=[("accept", _("Accepted")), ("decline", _("Declined"))],
    )
    answered_on = forms.DateField(
        label=_("Answered on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason (for a decline)"), required=False, max_length=300)
