import csv
import io
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.abuse import HoneypotMixin
from applicants.models import (
    Application,
    Document,
    EligibilityRules,
    InfoSession,
    OutreachSource,
    Screening,
    SelfIdentification,
    TestResult,
)
from applicants.services import ELIGIBILITY_RULE_FIELDS
from apprenticeship.validators import US_STATES

LANGUAGES = [("en", "English"), ("es", "Español")]


class StartForm(HoneypotMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Phone"), max_length=32)
    language = forms.ChoiceField(label=_("Language for our emails"), choices=LANGUAGES)


class RegistrationDetailsForm(forms.Form):
    """What the RAPIDS registration needs from the applicant: home address and education
    level (the application's background step; staff complete it later if missing)."""

    street_address = forms.CharField(label=_("Home street address"), max_length=55)
    city = forms.CharField(label=_("City"), max_length=55)
    state = forms.ChoiceField(label=_("State"), choices=[("", "—"), *US_STATES])
    zip_code = forms.RegexField(
        label=_("ZIP code"),
        regex=r"^[0-9]{5}$",
        error_messages={"invalid": _("Five digits, like 63110.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    education_level = forms.ChoiceField(
        label=_("Highest level of education completed"),
        choices=[("", "—"), *Application.EducationLevel.choices],
    )


# The highest level completed answers the program's diploma rule too: every level from the
# diploma or GED up has one. A level the applicant keeps to themselves cannot be checked, so the
# application asks for one (staff may record "did not say" for RAPIDS on their own form).
DIPLOMA_OR_ABOVE = {
    Application.EducationLevel.HIGH_SCHOOL,
    Application.EducationLevel.SOME_COLLEGE,
    Application.EducationLevel.BACHELOR,
    Application.EducationLevel.MASTER,
    Application.EducationLevel.DOCTORATE,
}


class BackgroundForm(RegistrationDetailsForm):
    field_order = [
        "date_of_birth",
        "street_address",
        "city",
        "state",
        "zip_code",
        "education_level",
    ]
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    healthcare_months = forms.IntegerField(
        label=_("Months of healthcare work experience, in total"), min_value=0, max_value=600
    )
    employer = forms.CharField(
        label=_("Most recent healthcare employer"), max_length=160, required=False
    )
    role = forms.CharField(label=_("Your role there"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["education_level"]
        field.choices = [
            (value, label)
            for value, label in field.choices
            if value != Application.EducationLevel.NOT_DISCLOSED
        ]
        field.help_text = _("The program needs a high-school diploma or GED.")

    def clean_date_of_birth(self) -> date:
        born = self.cleaned_data["date_of_birth"]
        if born >= timezone.localdate() or born.year < 1900:
            raise forms.ValidationError(_("Enter your real date of birth."))
        return born

    def clean(self):
        data = super().clean()
        level = data.get("education_level")
        if level:
            data["education"] = (
                Application.Education.HIGH_SCHOOL
                if level in DIPLOMA_OR_ABOVE
                else Application.Education.NONE
            )
        return data


class EmploymentForm(forms.Form):
    is_current_employee = forms.BooleanField(
        label=_("I already work for the sponsor"), required=False
    )
    approver_email = forms.EmailField(
        label=_("Your manager's email (they approve your application)"), required=False
    )
    available_for_start = forms.BooleanField(
        label=_("I can start on the first Monday of the month and attend class weekly"),
        required=True,
    )
    outreach_source = forms.ModelChoiceField(
        label=_("How did you hear about us?"),
        queryset=OutreachSource.objects.none(),
        required=False,
        empty_label=_("Somewhere else, or I'd rather not say"),
    )
    heard_about = forms.CharField(
        label=_("Where did you hear about us? (optional)"), max_length=120, required=False
    )

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outreach_source"].queryset = OutreachSource.objects.filter(
            program=program, is_active=True
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("is_current_employee") and not data.get("approver_email"):
            self.add_error("approver_email", _("Current employees need their manager's approval."))
        return data


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the rules are overridden"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ScreeningForm(forms.Form):
    kind = forms.ChoiceField(label=_("Screening"), choices=Screening.Kind.choices)
    status = forms.ChoiceField(label=_("Result"), choices=Screening.Status.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    details = forms.CharField(
        label=_("Details (staff only)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TestingDayForm(forms.Form):
    """Scores for many applicants at once: one row per applicant in testing."""

    tested_on = forms.DateField(
        label=_("Testing date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for application in applications:
            fields = []
            for kind, label in TestResult.Kind.choices:
                name = f"{kind}_{application.pk}"
                bounds = (3, 7) if kind in TestResult.WORKKEYS else (0, 200)
                self.fields[name] = forms.IntegerField(
                    label=f"{label} ({application.person})",
                    required=False,
                    min_value=bounds[0],
                    max_value=bounds[1],
                )
                fields.append(self[name])
            self.rows.append((application, fields))

    def results(self) -> dict[int, dict[str, int]]:
        out: dict[int, dict[str, int]] = {}
        for application, fields in self.rows:
            values = {
                f.name.rsplit("_", 1)[0]: self.cleaned_data[f.name]
                for f in fields
                if self.cleaned_data.get(f.name) is not None
            }
            if values:
                out[application.pk] = values
        return out


class BulkMoveForm(forms.Form):
    to_step = forms.ChoiceField(label=_("Move to"), choices=Application.Step.choices)
    reason = forms.CharField(label=_("Reason (needed for exits)"), required=False, max_length=300)


class BookingForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=160)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    language = forms.ChoiceField(label=_("Language for our emails"), choices=LANGUAGES)


class InfoSessionForm(forms.ModelForm):
    class Meta:
        model = InfoSession
        fields = ["kind", "title", "location_name", "address", "starts_at", "ends_at", "capacity"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        widget=forms.RadioSelect,
        choices=[("approve", _("I approve this application")), ("decline", _("I decline it"))],
    )
    comment = forms.CharField(
        label=_("Comment (needed to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SelfIdentificationForm(forms.Form):
    RACES = [
        ("american_indian", _("American Indian or Alaska Native")),
        ("asian", _("Asian")),
        ("black", _("Black or African American")),
        ("pacific_islander", _("Native Hawaiian or Other Pacific Islander")),
        ("white", _("White")),
    ]
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("", "—"), *SelfIdentification.Sex.choices], required=False
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"),
        choices=[("", "—"), *SelfIdentification.Ethnicity.choices],
        required=False,
    )
    races = forms.MultipleChoiceField(
        label=_("Race (choose all that apply)"),
        choices=RACES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    veteran = forms.ChoiceField(
        label=_("Are you a veteran?"),
        choices=[("", "—"), *SelfIdentification.Veteran.choices],
        required=False,
    )


class DisabilityForm(forms.Form):
    disability = forms.ChoiceField(
        label=_("Do you have a disability?"),
        choices=SelfIdentification.Disability.choices,
        widget=forms.RadioSelect,
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=Document.Kind.choices)
    upload = forms.FileField(
        label=_("File (PDF, JPG or PNG, up to 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ResultsImportForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV of results"),
        help_text=_(
            "Columns: email, tested_on (YYYY-MM-DD), entrance_exam, typing_wpm, applied_math, "
            "graphic_literacy, workplace_documents. Leave a score empty if not tested."
        ),
    )

    def rows(self) -> list[dict]:
        upload = self.cleaned_data["csv_file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Save the file as CSV (UTF-8).")) from exc
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "email" not in reader.fieldnames:
            raise forms.ValidationError(
                _("The first row must name the columns, starting with email.")
            )
        return [{k.strip(): v for k, v in row.items() if k} for row in reader]


class TestingInviteForm(forms.Form):
    when = forms.CharField(label=_("Testing date and time"), max_length=80)
    place = forms.CharField(label=_("Place"), max_length=200)


class EligibilityRulesForm(forms.ModelForm):
    class Meta:
        model = EligibilityRules
        fields = list(ELIGIBILITY_RULE_FIELDS)


class SessionInviteForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Info session"), queryset=InfoSession.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = InfoSession.objects.filter(starts_at__gt=timezone.now())


class PresentationForm(forms.Form):
    presentation = forms.FileField(label=_("Program presentation (PDF, up to 5 MB)"))


class SsnForm(forms.Form):
    """A US Social Security number as 123-45-6789 or 123456789; never prefilled."""

    ssn = forms.RegexField(
        label=_("Social Security number"),
        regex=r"^\s*[0-9]{3}-?[0-9]{2}-?[0-9]{4}\s*$",
        error_messages={"invalid": _("Enter nine digits, like 123-45-6789.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_ssn(self) -> str:
        digits = "".join(c for c in self.cleaned_data["ssn"] if c in "0123456789")
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
            raise forms.ValidationError(_("This is not a number the SSA issues; check it."))
        return f"{area}-{group}-{serial}"


class OutreachSourceForm(forms.ModelForm):
    class Meta:
        model = OutreachSource
        fields = ["kind", "name", "held_on", "audience", "contact", "notes", "is_active"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
