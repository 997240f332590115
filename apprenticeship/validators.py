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
