"""Form fields shared by every app."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Python reads Arabic-Indic and fullwidth digits as 0-9: hours, rates and scores are typed
# with the digits 0-9 only, as the SSN and the ZIP code are.
ASCII_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)\s*", re.ASCII)


class AsciiDecimalField(forms.DecimalField):
    """A decimal field that takes the digits 0-9 and a point, nothing Python would also read
    as a number (other scripts' digits, "NaN", "Infinity", exponents)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not ASCII_NUMBER.fullmatch(value):
            raise ValidationError(
                _("Enter a number with the digits 0-9, like 7.5."), code="invalid"
            )
        return super().to_python(value)
