"""Eligibility results are stored as each rule's key and its figures, and said in the reader's
language when shown (an English sentence stored in the application would reach a Spanish
applicant in English)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def reason(result: dict) -> str:
    """The sentence for one stored rule result, in the active language."""
    values = result.get("values")
    if values is None:  # evaluated before results kept their figures
        return result.get("reason", "")
    rule = result["rule"]
    if rule == "age":
        if values.get("age") is None:
            return _("Date of birth is missing.")
        return (
            ngettext(
                "%(age)d year old; the program needs %(minimum)d or older.",
                "%(age)d years old; the program needs %(minimum)d or older.",
                values["age"],
            )
            % values
        )
    if rule == "education":
        return (
            _("High-school diploma or equivalent.")
            if result["passed"]
            else _("A high-school diploma or GED is required.")
        )
    if rule == "experience":
        return (
            ngettext(
                "%(months)d month of healthcare experience; %(minimum)d needed.",
                "%(months)d months of healthcare experience; %(minimum)d needed.",
                values["months"],
            )
            % values
        )
    if rule == "typing":
        return _("Typing %(wpm)d WPM; %(minimum)d needed.") % values
    if rule == "entrance_exam":
        return _("Entrance exam %(score)d; %(minimum)d needed.") % values
    from applicants.models import TestResult

    return _("%(test)s level %(level)d; %(minimum)d+ preferred.") % {
        **values,
        "test": TestResult.Kind(rule).label,
    }


def reasons_failed(results: list[dict], *, gates_only: bool = True) -> list[str]:
    """The sentences of the rules not met (gates only, or preferences too)."""
    return [reason(r) for r in results if not r["passed"] and (r["gate"] or not gates_only)]
