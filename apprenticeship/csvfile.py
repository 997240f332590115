"""The one CSV writer of the product: every cell a spreadsheet could run as a formula is
neutralised (OWASP "CSV injection"), so a name typed as ``=HYPERLINK(...)`` opens as text.

defusedcsv was tried first: it leaves cells that start with a tab or a carriage return alone
and rewrites ``|``, so the value no longer reads as typed; this module does neither.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise(value: object) -> object:
    """The value as a spreadsheet should show it: numbers unchanged, text that would start a
    formula prefixed with an apostrophe (Excel and LibreOffice hide it and show the text)."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    stripped = text.lstrip(" ")
    if stripped.startswith(FORMULA_START) and not PLAIN_NUMBER.match(stripped):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def csv_download(text: str, *, filename: str) -> HttpResponse:
    """A download of text made by ``csv_text``; never cached, since exports hold personal data."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
