from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from support.models import Barrier, CheckIn, Referral, SupportAssignment, Survey, TutoringSession


class CheckInForm(forms.ModelForm):
    action = forms.CharField(label=_("Action to take (optional)"), max_length=300, required=False)
    action_owner = forms.CharField(label=_("Who does it"), max_length=120, required=False)
    follow_up_on = forms.DateField(
        label=_("Follow up on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = CheckIn
        fields = ["on", "how", "notes", "barriers", "confidential"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "barriers": forms.CheckboxSelectMultiple,
        }
        labels = {"barriers": _("Barriers found")}

    def __init__(self, *args, program_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["barriers"].queryset = Barrier.objects.filter(
            program_id=program_id, is_active=True
        )
        self.fields["on"].initial = timezone.localdate()


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["service", "referred_on", "note"]
        widgets = {"referred_on": forms.DateInput(attrs={"type": "date"})}


class TutoringForm(forms.ModelForm):
    class Meta:
        model = TutoringSession
        fields = ["on", "topic", "tutor", "attended"]
        widgets = {"on": forms.DateInput(attrs={"type": "date"})}


class AssignForm(forms.Form):
    kind = forms.ChoiceField(label=_("As"), choices=SupportAssignment.Kind.choices)
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True)
            .filter(groups__name__in=[Role.COACH, Role.PRECEPTOR, Role.PROGRAM_STAFF])
            .distinct()
            .order_by("full_name")
        )


class BarrierForm(forms.ModelForm):
    class Meta:
        model = Barrier
        fields = ["name"]


class SurveyAnswerForm(forms.Form):
    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            name = f"q_{question.pk}"
            if question.kind == "scale":
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(n, str(n)) for n in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def answers(self) -> dict[int, int | str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}
