from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from apprenticeship.fields import AsciiDecimalField
from cohorts.models import Cohort
from hiring.models import Scorecard
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

    def __init__(self, *args, departments: QuerySet[Department], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["cohort"].queryset = Cohort.objects.filter(
            start_date__gte=timezone.localdate()
        ).select_related("track")


class RequisitionCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it closed?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the position was withdrawn, or the budget moved."),
    )
    confirm = forms.BooleanField(
        label=_("I understand: the requisition closes for good and cannot be reopened."),
        required=True,
    )


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
    hourly_rate = AsciiDecimalField(
        label=_("Starting hourly rate ($)"), min_value=1, max_digits=7, decimal_places=2
    )
    below_schedule_reason = forms.CharField(
        label=_("Below the wage schedule's hire rate: why (program staff only)"),
        max_length=300,
        required=False,
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


class InterviewForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=240, initial=45
    )
    place = forms.CharField(label=_("Place or video link"), max_length=250)
    panel = forms.ModelMultipleChoiceField(
        label=_("Panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, panel_choices: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panel_choices


class ScorecardForm(forms.Form):
    strengths = forms.CharField(label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 3}))
    concerns = forms.CharField(
        label=_("Concerns"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Scorecard.Recommendation.choices
    )

    def __init__(self, *args, competencies: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for i, competency in enumerate(competencies):
            self.fields[f"rating_{i}"] = forms.TypedChoiceField(
                label=competency,
                coerce=int,
                choices=[(n, str(n)) for n in range(1, 6)],
                widget=forms.RadioSelect,
            )
        self.order_fields([f"rating_{i}" for i in range(len(competencies))])

    def ratings(self) -> dict[str, int]:
        return {c: self.cleaned_data[f"rating_{i}"] for i, c in enumerate(self.competencies)}


class QuestionForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.all())
    competency = forms.CharField(label=_("Competency"), max_length=80)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)


class QuestionEditForm(forms.Form):
    competency = forms.CharField(label=_("Competency"), max_length=80)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999)
    is_active = forms.BooleanField(label=_("In the interview kit"), required=False)


class OnboardingTaskForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=120)
    owner = forms.CharField(
        label=_("Owner"), max_length=80, help_text=_("Who takes care of it: HR, IT, Security...")
    )
    due_days = forms.IntegerField(
        label=_("Due (days after the acceptance)"), min_value=0, max_value=120
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
