"""Every CSV the product writes goes through one writer that neutralises spreadsheet formulas."""

import csv
import io
from decimal import Decimal

import pytest

from apprenticeship.csvfile import csv_text, neutralise


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("Maria Lopez", "Maria Lopez"),
        ("O'Neil-Smith", "O'Neil-Smith"),
        ("-1.5", "-1.5"),
        ("", ""),
    ],
)
def test_formulas_are_neutralised_and_plain_values_kept(typed, written):
    assert neutralise(typed) == written


def test_numbers_are_left_as_numbers():
    assert neutralise(-4) == -4
    assert neutralise(Decimal("-1.25")) == Decimal("-1.25")


def test_the_file_reads_back_with_every_cell_neutralised():
    text = csv_text(["name", "hours"], [["=cmd", Decimal("8.00")], ["Ann", -2]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "hours"], ["'=cmd", "8.00"], ["Ann", "-2"]]
