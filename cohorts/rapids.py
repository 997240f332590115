"""The RAPIDS batch registration file for a cohort's new apprentices.

Column names and codes follow the RAPIDS apprentice upload layout (dates MM/DD/YYYY; gender
M/F/9; ethnicity 1/2/9; each race 1/0/9; disability 1/0/9; veteran 9 when not asked). Columns
the program does not hold (street address, employment status, education level, RTI provider,
prior wages) are completed in RAPIDS itself.

This is the only place an SSN leaves the database in full; every export is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from applicants.models import SelfIdentification
from apprenticeship.csvfile import csv_text
from cohorts.models import Apprentice, Cohort

COLUMNS = [
    "Date Apprenticeship Begins",
    "Apprentice First Name",
    "Apprentice Last Name",
    "Social Security Number",
    "Date of Birth",
    "Gender",
    "Ethnicity Hispanic / Latino",
    "Race-American Indian / Alaskan Native",
    "Asian",
    "Black / African American",
    "Native Hawaiian / Other Pacific Islander",
    "White",
    "Veteran Status",
    "Apprentice Disability Status",
    "Occupation",
    "Email",
    "Telephone",
    "Entry Wages",
    "Entry Wage Units",
]
NOT_HELD = [
    "Apprentice Street Address",
    "Apprentice City",
    "Apprentice State",
    "Apprentice 5-Digit Zip Code",
    "Employment Status",
    "Apprentice Education Level",
    "Related Technical Instruction Provider",
    "Prior Wages",
]
PERSONAL_FIELDS = ["ssn", "date_of_birth", "sex", "ethnicity", "races", "disability"]
RACE_COLUMNS = {
    "Race-American Indian / Alaskan Native": "american_indian",
    "Asian": "asian",
    "Black / African American": "black",
    "Native Hawaiian / Other Pacific Islander": "pacific_islander",
    "White": "white",
}
MINIMUM_AGE = 16


@dataclass
class Registration:
    apprentice: Apprentice
    values: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _us_date(day: date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _eeo_codes(answers: SelfIdentification | None) -> dict[str, str]:
    sex = answers.sex if answers else ""
    ethnicity = answers.ethnicity if answers else ""
    disability = answers.disability if answers else ""
    races = answers.races if answers else []
    codes = {
        "Gender": {"male": "M", "female": "F"}.get(sex, "9"),
        "Ethnicity Hispanic / Latino": {"hispanic": "1", "not_hispanic": "2"}.get(ethnicity, "9"),
        "Apprentice Disability Status": {"yes": "1", "no": "0"}.get(disability, "9"),
    }
    for column, race in RACE_COLUMNS.items():
        codes[column] = ("1" if race in races else "0") if races else "9"
    return codes


def cohort_registrations(cohort: Cohort) -> list[Registration]:
    """The cohort's apprentices not yet registered in RAPIDS, each checked field by field."""
    apprentices = (
        cohort.apprentices.current()
        .filter(rapids_id="")
        .select_related("person", "application__self_identification", "cohort__track")
        .order_by("person__last_name", "person__first_name")
    )
    registrations = []
    for apprentice in apprentices:
        person, track = apprentice.person, apprentice.cohort.track
        answers = getattr(apprentice.application, "self_identification", None)
        row = Registration(apprentice)
        row.values = {
            "Date Apprenticeship Begins": _us_date(apprentice.employment_start),
            "Apprentice First Name": person.first_name,
            "Apprentice Last Name": person.last_name,
            "Social Security Number": person.ssn or "",
            "Date of Birth": _us_date(person.date_of_birth),
            **_eeo_codes(answers),
            "Veteran Status": "9",
            "Occupation": track.rapids_occupation_code,
            "Email": person.email,
            "Telephone": person.phone,
            "Entry Wages": str(apprentice.starting_hourly_rate or ""),
            "Entry Wage Units": "Hourly",
        }
        if person.date_of_birth is None:
            row.errors.append(_("Date of birth is missing."))
        elif _age_on(person.date_of_birth, apprentice.employment_start) < MINIMUM_AGE:
            row.errors.append(_("Younger than 16 on the start date."))
        if not person.ssn:
            row.errors.append(_("Social Security number is missing."))
        if not track.rapids_occupation_code:
            row.errors.append(_("The track has no RAPIDS occupation code."))
        if apprentice.starting_hourly_rate is None:
            row.errors.append(_("Entry wage is missing."))
        for name in ("Apprentice First Name", "Apprentice Last Name"):
            if len(row.values[name]) > 55:
                row.errors.append(_("%(column)s is longer than 55 characters.") % {"column": name})
        registrations.append(row)
    return registrations


def registrations_csv(registrations: list[Registration]) -> str:
    return csv_text(COLUMNS, ([row.values[column] for column in COLUMNS] for row in registrations))
