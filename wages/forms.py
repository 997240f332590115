"""Forms of the wage schedule, the approval of raises, prior experience and graduates."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from apprenticeship.fields import AsciiDecimalField
from clinic.models import Competency, WorkProcess
from programs.models import Standard, WageRate, WageSchedule
from wages import lifecycle, services
from wages.models import CertificationExam, PriorExperienceCredit

HOURS_STEPS = 3


def _rate(label, required=False) -> forms.DecimalField:
    return AsciiDecimalField(
        label=label,
        required=required,
        min_value=Decimal("7.25"),
        max_value=Decimal("200"),
        max_digits=7,
        decimal_places=2,
    )


class WageScheduleForm(forms.Form):
    """A new version of a track's schedule: the hire rate, then the raises that apply."""

    hire = _rate(_("Hire rate ($ an hour)"), required=True)
    credential = _rate(_("After the first interim credential ($ an hour)"))
    exam = _rate(_("After the certification exam ($ an hour)"))
    hours_1 = forms.IntegerField(label=_("After on-the-job hours"), required=False, min_value=1)
    rate_1 = _rate(_("Rate at those hours ($ an hour)"))
    hours_2 = forms.IntegerField(
        label=_("After on-the-job hours (second)"), required=False, min_value=1
    )
    rate_2 = _rate(_("Rate at those hours (second, $ an hour)"))
    hours_3 = forms.IntegerField(
        label=_("After on-the-job hours (third)"), required=False, min_value=1
    )
    rate_3 = _rate(_("Rate at those hours (third, $ an hour)"))
    completion = _rate(_("At completion ($ an hour)"))
    note = forms.CharField(label=_("What changed"), max_length=300)

    @classmethod
    def initial_from(cls, schedule: WageSchedule | None) -> dict:
        if schedule is None:
            return {}
        initial: dict = {}
        hours = sorted(
            (r for r in schedule.rates.all() if r.trigger == WageRate.Trigger.HOURS),
            key=lambda r: r.ojl_hours,
        )
        for rate in schedule.rates.all():
            if rate.trigger != WageRate.Trigger.HOURS:
                initial[rate.trigger] = rate.hourly_rate
        for i, rate in enumerate(hours[:HOURS_STEPS], start=1):
            initial[f"hours_{i}"], initial[f"rate_{i}"] = rate.ojl_hours, rate.hourly_rate
        return initial

    def clean(self) -> dict:
        data = super().clean()
        for i in range(1, HOURS_STEPS + 1):
            if (data.get(f"hours_{i}") is None) != (data.get(f"rate_{i}") is None):
                raise ValidationError(_("Give both the hours and the rate of an hours step."))
        return data

    def rates(self) -> list[tuple[str, int | None, Decimal]]:
        data = self.cleaned_data
        rates: list[tuple[str, int | None, Decimal]] = [(WageRate.Trigger.HIRE, None, data["hire"])]
        if data.get("credential") is not None:
            rates.append((WageRate.Trigger.CREDENTIAL, None, data["credential"]))
        if data.get("exam") is not None:
            rates.append((WageRate.Trigger.EXAM, None, data["exam"]))
        for i in range(1, HOURS_STEPS + 1):
            if data.get(f"hours_{i}") is not None:
                rates.append((WageRate.Trigger.HOURS, data[f"hours_{i}"], data[f"rate_{i}"]))
        if data.get("completion") is not None:
            rates.append((WageRate.Trigger.COMPLETION, None, data["completion"]))
        return rates


class PeriodForm(forms.Form):
    period = forms.DateField(
        label=_("Pay period starting"), widget=forms.DateInput(attrs={"type": "date"})
    )


class MinimumWageForm(forms.Form):
    jurisdiction = forms.CharField(
        label=_("State or locality"), max_length=80, help_text=_("e.g. Missouri, or St. Louis City")
    )
    hourly_rate = AsciiDecimalField(
        label=_("Minimum wage an hour ($)"),
        min_value=Decimal("7.25"),
        max_digits=6,
        decimal_places=2,
    )
    effective_on = forms.DateField(
        label=_("In effect from"), widget=forms.DateInput(attrs={"type": "date"})
    )


class PriorCreditForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Credit for"),
        choices=PriorExperienceCredit.Source.choices,
        initial=PriorExperienceCredit.Source.EXPERIENCE,
        widget=forms.RadioSelect,
    )
    hours = forms.IntegerField(label=_("On-the-job hours credited"), min_value=1, max_value=10000)
    work_process = forms.ModelChoiceField(
        label=_("Counted under the work process"), queryset=WorkProcess.objects.none()
    )
    evidence = forms.CharField(
        label=_("Experience and its evidence"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    from_sponsor = forms.CharField(
        label=_("Transfer: the previous sponsor and its program number"),
        max_length=200,
        required=False,
    )
    competencies = forms.ModelMultipleChoiceField(
        label=_("Transfer: competencies the transcript shows as attained"),
        queryset=Competency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    transcript = forms.FileField(
        label=_("Transfer: the previous sponsor's transcript (PDF, JPG or PNG, up to 5 MB)"),
        required=False,
    )

    def __init__(self, *args, track_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_process"].queryset = WorkProcess.objects.filter(
            track_id=track_id, is_active=True
        ).order_by("order")
        self.fields["competencies"].queryset = (
            Competency.objects.filter(work_process__track_id=track_id, is_active=True)
            .select_related("work_process")
            .order_by("work_process__order", "order")
        )


class CertificateUploadForm(forms.Form):
    file = forms.FileField(label=_("Certificate (PDF, JPG or PNG, up to 5 MB)"))


class AgencyCertificateForm(forms.Form):
    number = forms.CharField(label=_("Number on the agency's certificate"), max_length=60)
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(label=_("Scan (PDF, JPG or PNG, up to 5 MB)"), required=False)


class FollowUpForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Follow-up"), coerce=int, choices=[(6, _("6 months")), (12, _("12 months"))]
    )
    employed = forms.TypedChoiceField(
        label=_("Still employed by the sponsor"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    role = forms.CharField(label=_("Role"), max_length=120, required=False)


class FollowUpImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file: employee_id, months, employed, role"))


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("New status"), choices=())
    effective_on = forms.DateField(
        label=gettext_lazy("Effective"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason_code = forms.ChoiceField(
        label=gettext_lazy("Reason"), choices=lifecycle.REASONS, required=False
    )
    reason = forms.CharField(label=gettext_lazy("What happened"), max_length=500, required=False)

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = lifecycle.allowed_moves(status)


class RegisterForm(forms.Form):
    rapids_id = forms.CharField(label=gettext_lazy("RAPIDS apprentice number"), max_length=32)
    registered_on = forms.DateField(
        label=gettext_lazy("Registered on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ProbationForm(forms.Form):
    new_end = forms.DateField(
        label=gettext_lazy("Probation ends"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


class ScheduleForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("Exam date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ResultForm(forms.Form):
    sat_on = forms.DateField(
        label=gettext_lazy("Sat on (when not the scheduled date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    score = forms.IntegerField(label=gettext_lazy("Score"), min_value=0, max_value=1000)
    certificate_number = forms.CharField(
        label=gettext_lazy("Certificate number (when passed)"), max_length=60, required=False
    )
    certificate_expires_on = forms.DateField(
        label=gettext_lazy("Certificate expires"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ExamSettingsForm(forms.ModelForm):
    class Meta:
        model = CertificationExam
        fields = list(services.EXAM_FIELDS)


class IdentifiersForm(forms.Form):
    employee_id = forms.CharField(
        label=_("Employee id"),
        max_length=32,
        required=False,
        help_text=_("As in the payroll and timekeeping system, to match its exports."),
    )
    rapids_id = forms.CharField(label=_("RAPIDS apprentice number"), max_length=32, required=False)

    def __init__(self, *args, apprentice, **kwargs):
        super().__init__(*args, **kwargs)
        if not apprentice.rapids_id:
            del self.fields["rapids_id"]  # given at registration


class AgreementPrepareForm(forms.Form):
    prefix = "agreement"  # beside the status form's "reason" on the same page
    reason = forms.CharField(
        label=_("What an amendment changes (for the original, leave it empty)"),
        max_length=300,
        required=False,
    )


class CountersignForm(forms.Form):
    typed_name = forms.CharField(label=_("Type your full name to countersign"), max_length=170)


class StandardMoveForm(forms.Form):
    """Hold the apprentice to another approved version of their track's standard."""

    standard = forms.ModelChoiceField(label=_("Standard version"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, apprentice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = (
            Standard.objects.filter(
                track_id=apprentice.cohort.track_id,
                state=Standard.State.APPROVED,
                effective_on__isnull=False,
            )
            .exclude(pk=apprentice.standard_id)
            .order_by("-version")
        )
