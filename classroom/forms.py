from django import forms
from django.utils.translation import gettext_lazy as _

from apprenticeship.fields import AsciiDecimalField
from classroom.models import Attendance, Module
from cohorts.models import Apprentice, Cohort

MARK_CHOICES = [(s.value, s.label) for s in Attendance.Status if s != Attendance.Status.CHECKED_IN]


class AttendanceSheetForm(forms.Form):
    """One row per expected apprentice: status and minutes late; a reason for late edits."""

    reason = forms.CharField(
        label=_("Reason for changing earlier attendance"),
        max_length=200,
        required=False,
        help_text=_("Needed only when you change attendance after the day of the class."),
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for apprentice, mark in sheet:
            status_name, late_name = f"status_{apprentice.pk}", f"late_{apprentice.pk}"
            initial = mark.status if mark and mark.status != Attendance.Status.CHECKED_IN else None
            if mark and mark.status == Attendance.Status.CHECKED_IN:
                initial = Attendance.Status.PRESENT
            self.fields[status_name] = forms.ChoiceField(
                label=str(apprentice.person),
                choices=MARK_CHOICES,
                widget=forms.RadioSelect,
                initial=initial,
                required=False,
            )
            self.fields[late_name] = forms.IntegerField(
                label=_("Minutes late"),
                min_value=0,
                max_value=720,
                required=False,
                initial=mark.minutes_late if mark and mark.minutes_late else None,
            )
            self.rows.append((apprentice, mark, self[status_name], self[late_name]))

    def sheet(self) -> list[dict]:
        """The rows as plain values for the template: 200 rows of radio widgets rendered by
        Django's widget machinery cost more than the rest of the page together."""
        rows = []
        for apprentice, mark, status_field, late_field in self.rows:
            status = status_field.value()
            rows.append(
                {
                    "apprentice": apprentice,
                    "mark": mark,
                    "name": status_field.html_name,
                    "options": [
                        (f"id_{status_field.html_name}_{i}", value, label, value == status)
                        for i, (value, label) in enumerate(MARK_CHOICES)
                    ],
                    "late_name": late_field.html_name,
                    "late_id": f"id_{late_field.html_name}",
                    "late_label": late_field.label,
                    "late_value": late_field.value(),
                    "late_errors": self.errors.get(late_field.name, []) if self.is_bound else [],
                }
            )
        return rows

    def marks(self, *, unmarked_present: bool = False) -> dict[int, tuple[str, int]]:
        """{apprentice id: (status, minutes late)} for the rows that were marked; with
        ``unmarked_present`` ("everyone present"), the rows left blank count as present.
        Minutes late count only on a row marked late."""
        result = {}
        for apprentice, _mark, status_field, late_field in self.rows:
            status = self.cleaned_data.get(status_field.name)
            if not status and unmarked_present:
                status = Attendance.Status.PRESENT
            if status:
                late = self.cleaned_data.get(late_field.name) or 0
                result[apprentice.pk] = (status, late if status == Attendance.Status.LATE else 0)
        return result


class SessionMoveForm(forms.Form):
    new_date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    new_start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    reason = forms.CharField(label=_("Reason (shown to apprentices)"), max_length=200)


class SessionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to apprentices)"), max_length=200)


class MakeupSessionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    hours = AsciiDecimalField(label=_("Hours"), min_value=0.25, max_value=12, decimal_places=2)
    module = forms.ModelChoiceField(
        label=_("Topic"), queryset=Module.objects.none(), required=False
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    apprentices = forms.ModelMultipleChoiceField(
        label=_("Apprentices"),
        queryset=Apprentice.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(track=cohort.track)
        self.fields["apprentices"].queryset = cohort.apprentices.current().select_related("person")
        self.fields["apprentices"].label_from_instance = lambda a: str(a.person)


class GradeSheetForm(forms.Form):
    def __init__(self, *args, apprentices, grades: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for apprentice in apprentices:
            name = f"score_{apprentice.pk}"
            grade = grades.get(apprentice.pk)
            self.fields[name] = forms.IntegerField(
                label=str(apprentice.person),
                min_value=0,
                max_value=100,
                required=False,
                initial=grade.score if grade else None,
            )
            self.rows.append((apprentice, grade, self[name]))

    def scores(self) -> dict[int, int]:
        return {
            apprentice.pk: self.cleaned_data[field.name]
            for apprentice, _grade, field in self.rows
            if self.cleaned_data.get(field.name) is not None
        }
