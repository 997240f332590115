from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from apprenticeship.fields import AsciiDecimalField
from clinic.models import (
    Competency,
    CompetencySignoff,
    EvaluationRating,
    PayrollMapping,
    SchedulePeriod,
    WorkProcess,
)
from clinic.services import COMPETENCY_FIELDS, MAPPING_FIELDS, WORK_PROCESS_FIELDS
from programs.models import Department


class WeekForm(forms.Form):
    """A week of hours: one box per day and work process, phone first (a card per day)."""

    no_hours_reason = forms.CharField(
        label=_("No hours this week? Say why (leave, illness...)"), max_length=200, required=False
    )

    def __init__(self, *args, monday: date, processes: list[WorkProcess], grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            boxes = []
            for process in processes:
                name = f"h_{offset}_{process.pk}"
                self.fields[name] = AsciiDecimalField(
                    label=f"{process.title}, {formats.date_format(day, 'l')}",
                    required=False,
                    min_value=Decimal(0),
                    max_value=Decimal(24),
                    decimal_places=2,
                    initial=grid.get((day, process.pk)),
                    widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
                )
                boxes.append((process, self[name]))
            self.days.append((day, boxes))

    def hours(self) -> dict[tuple[date, int], Decimal]:
        out = {}
        for day, boxes in self.days:
            for process, box in boxes:
                value = self.cleaned_data.get(box.name)
                if value:
                    out[(day, process.pk)] = value
        return out

    def add_rule_errors(self, errors: dict[str, list[str]]) -> None:
        """The service's errors, shown beside the day they concern (or the week)."""
        self.rule_errors = errors


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the apprentice (needed to return the week)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SignoffForm(forms.ModelForm):
    class Meta:
        model = CompetencySignoff
        fields = ["competency", "level", "signed_on", "comment"]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, track_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.filter(
            work_process__track_id=track_id, is_active=True
        ).select_related("work_process")


class AdjustmentForm(forms.Form):
    work_process = forms.ModelChoiceField(
        label=_("Work process"), queryset=WorkProcess.objects.none()
    )
    day = forms.DateField(
        label=_("Day the hours belong to"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = AsciiDecimalField(
        label=_("Hours (+ to add, - to take off)"), max_digits=5, decimal_places=2
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, track_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_process"].queryset = WorkProcess.objects.filter(
            track_id=track_id, is_active=True
        )


class ExtensionForm(forms.Form):
    new_end_date = forms.DateField(
        label=_("New end date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class SchedulePeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SchedulePeriod.Kind.choices)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    weekly_hours = forms.DecimalField(
        label=_("Clinic hours a week (part-time)"),
        required=False,
        min_value=0,
        max_value=60,
        decimal_places=1,
        help_text=_("Leave it empty for a leave of absence."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class PlacementForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    preceptor = forms.ModelChoiceField(label=_("Preceptor"), queryset=None, required=False)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, program_id: int, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            program_id=program_id, is_active=True
        )
        self.fields["preceptor"].queryset = User.objects.with_role(Role.PRECEPTOR).filter(
            is_active=True
        )


class WorkProcessForm(forms.ModelForm):
    class Meta:
        model = WorkProcess
        fields = list(WORK_PROCESS_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = list(COMPETENCY_FIELDS)


class MappingForm(forms.ModelForm):
    class Meta:
        model = PayrollMapping
        fields = list(MAPPING_FIELDS)

    def __init__(self, *args, program_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["default_work_process"]
        field.queryset = (
            WorkProcess.objects.filter(track__program_id=program_id, is_active=True)
            .select_related("track")
            .order_by("track__name", "order", "pk")
        )
        # Both tracks have work processes of the same name: say whose each is.
        field.label_from_instance = lambda process: f"{process.track.name} · {process.title}"


class ImportForm(forms.Form):
    mapping = forms.ModelChoiceField(
        label=_("Timekeeping system (column mapping)"), queryset=PayrollMapping.objects.none()
    )
    upload = forms.FileField(label=_("Export file (CSV or XLSX, up to 10 MB)"))

    def __init__(self, *args, program_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapping"].queryset = PayrollMapping.objects.filter(program_id=program_id)


class EvaluationRatingForm(forms.Form):
    """One part of an evaluation: each criterion rated 1 to 5, comments, and the confirmation
    that the ratings are final."""

    comment = forms.CharField(
        label=_("Comments for the apprentice"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("These ratings are final: the apprentice reads and acknowledges them."),
    )

    def __init__(self, *args, criteria, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=EvaluationRating.RATINGS,
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.order_fields([f"c{c.pk}" for c in self.criteria] + ["comment", "confirm"])

    def ratings(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class AcknowledgeForm(forms.Form):
    typed_name = forms.CharField(label=_("Type your full name to acknowledge"), max_length=170)
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
