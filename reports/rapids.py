"""The RAPIDS upload files: new registrations and status updates.

The registration file has every column of the published apprentice upload layout, in its
order (csg-org/rapids-apprentice-upload-spec, ``tableschema.json``, kept beside this module
as ``rapids_layout/tableschema.json``: the header is read from it, so a new version of the
layout is a new copy of that file). Each row is checked against the layout's constraints
(required, maximum length, pattern, integer) and its code lists before anyone downloads it;
a row with a problem is listed with the problem and left out of the file.

Codes are the layout's own (each field's ``categories`` in the schema; the check reads them
from there): dates MM/DD/YYYY; Gender F/M/9; Ethnicity 1/2/9; each race 1/0/9; Veteran 1/2/9
and Disability 1/2/9, where 9 means the apprentice did not self-identify (never a guess);
Employment Status EE (an existing employee: "I already work here" on the application) or NE;
Education Level 1/3/6/7/8/9, or 5 when not disclosed; wage units H; Student Status NA (the
program admits high-school graduates only, so no apprentice is in a youth or work-based
learning registration). Telephone is written as digits only.

Wages: the layout types Prior and Entry Wages as integers; they are written in dollars and
cents (18.50) because rounding would misstate a wage, and RAPIDS refuses an entry wage below
the occupation's. `WAGE_COLUMNS` are checked as non-negative amounts instead.

The status-update file has no published layout; it carries the identifying columns of the
registration layout, the RAPIDS apprentice number, the new status and its date, a coded reason
(the move's reason code, or the notice's kind for a change that keeps the status) and the
reason in words.

These are the only files in which an SSN leaves the database in full; the page shows SSNs
masked and every download is audited per apprentice.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from applicants.models import SelfIdentification
from apprenticeship.csvfile import csv_text
from apprenticeship.dates import age_on
from apprenticeship.validators import is_ascii_digits
from cohorts.models import Apprentice, ApprenticeEvent, Cohort
from programs.models import WageUnit
from wages.models import PriorExperienceCredit

LAYOUT_FILE = Path(__file__).with_name("rapids_layout") / "tableschema.json"
MINIMUM_AGE = 16
WAGE_COLUMNS = {"Prior Wages", "Entry Wages"}
RACE_COLUMNS = {
    "Race-American Indian / Alaskan Native": "american_indian",
    "Asian": "asian",
    "Black / African American": "black",
    "Native Hawaiian / Other Pacific Islander": "pacific_islander",
    "White": "white",
}
# What each file carries of a person, for the audit record of its export.
REGISTRATION_FIELDS = [
    "ssn",
    "date_of_birth",
    "address",
    "phone",
    "email",
    "sex",
    "ethnicity",
    "races",
    "veteran",
    "disability",
    "education_level",
    "prior_wage",
]
UPDATE_FIELDS = ["ssn", "date_of_birth"]
UPDATE_COLUMNS = [
    "RAPIDS Apprentice Number",
    "Apprentice First Name",
    "Apprentice Last Name",
    "Social Security Number",
    "Date of Birth",
    "Occupation",
    "Status",
    "Status Effective Date",
    "During Probation",
    "Reason Code",
    "Reason",
]
# The Status column of the updates file, by notice (a coded list, not free text).
Notice = ApprenticeEvent.Notice
UPDATE_STATUS = {
    Notice.COMPLETION: "Completed",
    Notice.CANCELLATION: "Cancelled",
    Notice.SUSPENSION: "Suspended",
    Notice.REINSTATEMENT: "Reinstated",
    Notice.TRANSFER: "Transferred",
    Notice.EXTENSION: "Extended",
    Notice.CREDIT: "Credit",
    Notice.MODIFICATION: "Modified",
}


@cache
def layout() -> list[dict]:
    """The fields of the published layout, in its order."""
    return json.loads(LAYOUT_FILE.read_text(encoding="utf-8"))["fields"]


def columns() -> list[str]:
    return [column["name"] for column in layout()]


@cache
def codes() -> dict[str, set[str]]:
    """The allowed values of each coded column, as the layout lists them."""
    allowed = {}
    for column in layout():
        if "categories" in column:
            allowed[column["name"]] = {
                str(c["value"] if isinstance(c, dict) else c) for c in column["categories"]
            }
    return allowed


@dataclass
class Row:
    """One line of a file: the values by column, and what stops it from going to RAPIDS."""

    apprentice: Apprentice
    values: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    event: ApprenticeEvent | None = None

    @property
    def ready(self) -> bool:
        return not self.errors


def us_date(day: date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def _phone_digits(phone: str) -> str:
    """The number as ten digits where it has them (a leading +1 dropped, an extension kept
    out): the file carries no "+" or "-" a spreadsheet would take for a formula."""
    digits = "".join(c for c in phone.split("x")[0].split("ext")[0] if is_ascii_digits(c))
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def eeo_codes(answers: SelfIdentification | None) -> dict[str, str]:
    """The self-identification codes; 9 wherever the apprentice did not answer."""
    sex = answers.sex if answers else ""
    races = answers.races if answers else []
    codes = {
        "Gender": {"male": "M", "female": "F"}.get(sex, "9"),
        "Ethnicity Hispanic / Latino": {"hispanic": "1", "not_hispanic": "2"}.get(
            answers.ethnicity if answers else "", "9"
        ),
        "Veteran Status": {"yes": "1", "no": "2"}.get(answers.veteran if answers else "", "9"),
        "Apprentice Disability Status": {"yes": "1", "no": "2"}.get(
            answers.disability if answers else "", "9"
        ),
    }
    for column, race in RACE_COLUMNS.items():
        codes[column] = ("1" if race in races else "0") if races else "9"
    return codes


def layout_errors(values: dict[str, str]) -> list[str]:
    """Each way the values break the layout: missing, too long, wrong pattern, not a whole
    number, or a code the column does not take."""
    errors, allowed = [], codes()
    for column in layout():
        name, rules = column["name"], column.get("constraints", {})
        value = values.get(name, "")
        if value == "":
            if rules.get("required"):
                errors.append(_("%(column)s is missing.") % {"column": name})
            continue
        if "maxLength" in rules and len(value) > rules["maxLength"]:
            errors.append(
                _("%(column)s is longer than %(n)d characters.")
                % {"column": name, "n": rules["maxLength"]}
            )
        if "pattern" in rules and not re.match(rules["pattern"], value):
            errors.append(_("%(column)s is not in the expected form.") % {"column": name})
        if name in WAGE_COLUMNS:
            if not re.fullmatch(r"\d+(\.\d{1,2})?", value):
                errors.append(_("%(column)s must be an amount in dollars.") % {"column": name})
        elif column.get("type") == "integer" and name not in allowed and not is_ascii_digits(value):
            errors.append(_("%(column)s must be a whole number.") % {"column": name})
        if name in allowed and value not in allowed[name]:
            errors.append(
                _("%(column)s has the code %(value)s, which RAPIDS does not take.")
                % {"column": name, "value": value}
            )
    return errors


def registration_queryset() -> QuerySet[Apprentice]:
    """Apprentices hired but not yet registered in RAPIDS (no RAPIDS number yet)."""
    return (
        Apprentice.objects.current()
        .filter(rapids_id="")
        .select_related(
            "person",
            "application__self_identification",
            "cohort__track__program",
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def registration_rows(apprentices: QuerySet[Apprentice]) -> list[Row]:
    """Each apprentice as a line of the upload layout, checked field by field."""
    apprentices = list(apprentices)
    credits = dict(
        PriorExperienceCredit.objects.filter(apprentice__in=[a.pk for a in apprentices])
        .values_list("apprentice")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    rows = []
    for apprentice in apprentices:
        person, track = apprentice.person, apprentice.cohort.track
        program, application = track.program, apprentice.application
        answers = getattr(application, "self_identification", None) if application else None
        prior_hours = credits.get(apprentice.pk, 0)
        row = Row(apprentice)
        values = {
            "Date Apprenticeship Begins": us_date(apprentice.employment_start),
            "Apprentice First Name": person.first_name,
            "Apprentice Last Name": person.last_name,
            "Social Security Number": person.ssn or "",
            "Date of Birth": us_date(person.date_of_birth),
            "Employment Status": "EE" if application and application.is_current_employee else "NE",
            "Apprentice Street Address": person.street_address,
            "Apprentice City": person.city,
            "Apprentice State": person.state,
            "Apprentice 5-Digit Zip Code": person.zip_code,
            "Telephone": _phone_digits(person.phone),
            "Email": person.email,
            "Employer": program.rapids_employer_id,
            **eeo_codes(answers),
            "Apprentice Education Level": application.education_level if application else "",
            "Occupation": track.rapids_occupation_code,
            "Related Technical Instruction Provider": program.rapids_rti_provider_id,
            # On-the-job hours credited (29 CFR 29.5(b)(12)); a file value, not page text.
            "Credit for previous experience": str(prior_hours),
            "Credit for Previous Related Training In Hours": "0",
            "Prior Wages": _amount(apprentice.prior_wage),
            "Prior Wage Units": apprentice.prior_wage_unit
            if apprentice.prior_wage is not None
            else "",
            "Entry Wages": _amount(apprentice.starting_hourly_rate),
            "Entry Wage Units": WageUnit.HOURLY,
            "Wage Schedule": track.rapids_wage_schedule_id,
            "Student Status": "NA",
        }
        row.values = {name: values.get(name, "") for name in columns()}
        row.errors = layout_errors(row.values)
        born = person.date_of_birth
        if born and age_on(born, apprentice.employment_start) < MINIMUM_AGE:
            row.errors.append(_("Younger than 16 on the start date."))
        rows.append(row)
    ssn_count = Counter(row.apprentice.person.ssn for row in rows if row.apprentice.person.ssn)
    for row in rows:
        if ssn_count[row.apprentice.person.ssn] > 1:
            row.errors.append(_("Another apprentice here has the same Social Security number."))
    return rows


def update_queryset() -> QuerySet[ApprenticeEvent]:
    """Notices the registration agency has not received yet, oldest first."""
    return (
        ApprenticeEvent.objects.to_report()
        .select_related("apprentice__person", "apprentice__cohort__track")
        .order_by("effective_on", "pk")
    )


def update_rows(events: QuerySet[ApprenticeEvent]) -> list[Row]:
    rows = []
    for event in events:
        apprentice = event.apprentice
        person = apprentice.person
        row = Row(apprentice, event=event)
        row.values = {
            "RAPIDS Apprentice Number": apprentice.rapids_id,
            "Apprentice First Name": person.first_name,
            "Apprentice Last Name": person.last_name,
            "Social Security Number": person.ssn or "",
            "Date of Birth": us_date(person.date_of_birth),
            "Occupation": apprentice.cohort.track.rapids_occupation_code,
            "Status": UPDATE_STATUS[event.notice],
            "Status Effective Date": us_date(event.effective_on),
            "During Probation": "Y" if event.during_probation else "N",
            # The coded reason of a move (wages.lifecycle.REASONS); a change of the record
            # that keeps the status is coded by its notice.
            "Reason Code": event.reason_code or event.notice,
            "Reason": event.reason,
        }
        if not apprentice.rapids_id:
            row.errors.append(
                _("Not registered in RAPIDS: record the RAPIDS number before reporting changes.")
            )
        if not row.values["Occupation"]:
            row.errors.append(_("The track has no RAPIDS occupation code."))
        rows.append(row)
    return rows


def rapids_rows(kind: str, cohort: Cohort | None = None) -> tuple[list[str], list[Row], list[str]]:
    """A file's header, its rows checked, and the personal fields it carries (for the audit):
    `kind` is "registrations" or "updates", optionally for one cohort."""
    if kind == "updates":
        events = update_queryset()
        if cohort:
            events = events.filter(apprentice__cohort=cohort)
        return UPDATE_COLUMNS, update_rows(events), UPDATE_FIELDS
    apprentices = registration_queryset()
    if cohort:
        apprentices = apprentices.filter(cohort=cohort)
    return columns(), registration_rows(apprentices), REGISTRATION_FIELDS


def rows_csv(header: list[str], rows: list[Row]) -> str:
    """The file of the ready rows, through the one CSV writer."""
    return csv_text(header, ([row.values[name] for name in header] for row in rows if row.ready))
