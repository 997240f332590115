"""Checks shared by every app: numbers people type are ASCII digits only (Python's ``\\d`` and
``str.isdigit`` also accept Arabic-Indic, Devanagari and other digits, which RAPIDS, payroll
and phones do not)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


def is_ascii_digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


phone_validator = RegexValidator(
    r"^[0-9+().\- ]*(\s*(x|ext\.?)\s*[0-9]{1,6})?$",
    _("Use digits 0-9 with spaces, dashes, dots or brackets, like 314-555-0101."),
)

zip_code_validator = RegexValidator(r"^[0-9]{5}$", _("Five digits, like 63110."))

# The two-letter postal codes RAPIDS takes for an address: states, DC and the territories.
US_STATES = [
    (code, code)
    for code in [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "AS",
        "GU",
        "MP",
        "PR",
        "VI",
    ]
]


def same_name(typed: str, expected: str) -> bool:
    """A name typed to sign (an agreement, an evaluation's acknowledgment) is the expected one,
    whatever the case and spacing."""
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()
