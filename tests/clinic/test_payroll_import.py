"""Payroll imports: each row new, duplicate or rejected with its reason; nothing written until
staff confirm; the file is one transaction; importing it again adds nothing."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clinic.models import ImportBatch, PayrollMapping, TimeEntry, Timesheet


@pytest.fixture
def kronos(program):
    return PayrollMapping.objects.create(
        program=program,
        name="Kronos weekly export",
        employee_id_column="Employee ID",
        date_column="Work Date",
        hours_column="Hours",
        work_process_column="Activity",
        row_key_column="Punch ID",
        date_format=PayrollMapping.DateFormat.US,
        lands_as=PayrollMapping.LandsAs.APPROVED,
    )


def _day(days_ago):
    return timezone.localdate() - timedelta(days=days_ago)


def _csv(rows):
    lines = ["Employee ID,Work Date,Hours,Activity,Punch ID"]
    lines += [",".join(map(str, r)) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _good_rows():
    return [
        ("E1001", _day(3).strftime("%m/%d/%Y"), "8", "Vital signs", "P1"),
        ("E1001", _day(4).strftime("%m/%d/%Y"), "7.5", "EHR documentation", "P2"),
    ]


def _bad_rows():
    future = _day(-2).strftime("%m/%d/%Y")
    return [
        ("E9999", _day(3).strftime("%m/%d/%Y"), "8", "Vital signs", "P3"),
        ("E1001", "31/31/2026", "8", "Vital signs", "P4"),
        ("E1001", _day(5).strftime("%m/%d/%Y"), "eight", "Vital signs", "P5"),
        ("E1001", _day(5).strftime("%m/%d/%Y"), "17", "Vital signs", "P6"),
        ("E1001", _day(5).strftime("%m/%d/%Y"), "4", "Juggling", "P7"),
        ("E1001", future, "4", "Vital signs", "P8"),
        ("E1001", _day(400).strftime("%m/%d/%Y"), "4", "Vital signs", "P9"),
    ]


def _upload(client, kronos, content, name="export.csv"):
    return client.post(
        reverse("clinic:import"),
        {"mapping": kronos.pk, "upload": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.django_db
def test_the_preview_gives_each_row_its_reason_and_writes_nothing(client, alice, placed_ed, kronos):
    client.force_login(alice)
    page = _upload(client, kronos, _csv(_good_rows() + _bad_rows())).content.decode()
    assert "2 new rows" in page and "7 rejected" in page
    for reason in (
        "Unknown employee id “E9999”",
        "Date “31/31/2026” is not a date",
        "Hours “eight” is not a number",
        "from 0.25 to 16 a day",
        "Unknown work process “Juggling”",
        "The date is in the future",
        "outside the apprentice&#x27;s enrolment",
    ):
        assert reason in page, reason
    assert not TimeEntry.objects.exists()


@pytest.mark.django_db
def test_confirm_writes_the_new_rows_and_the_same_file_again_adds_nothing(
    client, alice, placed_ed, kronos
):
    client.force_login(alice)
    _upload(client, kronos, _csv(_good_rows() + _bad_rows()))
    batch = ImportBatch.objects.get()
    client.post(reverse("clinic:import_preview", args=[batch.pk]))
    assert TimeEntry.objects.count() == 2
    assert set(Timesheet.objects.values_list("status", flat=True)) == {"approved"}
    assert sum(t.total_hours for t in Timesheet.objects.all()) == Decimal("15.5")
    client.post(reverse("clinic:import_preview", args=[batch.pk]))  # confirmed twice
    page = _upload(client, kronos, _csv(_good_rows())).content.decode()
    assert "0 new rows" in page and "2 duplicates" in page
    client.post(reverse("clinic:import_preview", args=[ImportBatch.objects.first().pk]))
    assert TimeEntry.objects.count() == 2


@pytest.mark.django_db
def test_an_xlsx_export_reads_like_the_csv(client, alice, placed_ed, kronos):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Employee ID", "Work Date", "Hours", "Activity", "Punch ID"])
    sheet.append(["E1001", _day(3), 8, "Vital signs", "X1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(alice)
    page = _upload(client, kronos, buffer.getvalue(), name="export.xlsx").content.decode()
    assert "1 new row" in page


@pytest.mark.django_db
def test_the_import_is_all_or_nothing(client, alice, placed_ed, kronos, monkeypatch):
    client.force_login(alice)
    _upload(client, kronos, _csv(_good_rows()))
    batch = ImportBatch.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("clinic.imports._recount_many", broken)
    with pytest.raises(RuntimeError):
        client.post(reverse("clinic:import_preview", args=[batch.pk]))
    assert not TimeEntry.objects.exists() and not Timesheet.objects.exists()
    batch.refresh_from_db()
    assert batch.confirmed_at is None


@pytest.mark.django_db
def test_a_missing_column_is_named(client, alice, placed_ed, kronos):
    client.force_login(alice)
    content = b"Employee,Date,Hours\nE1001,01/02/2026,8\n"
    page = _upload(client, kronos, content).content.decode()
    assert "The file has no column" in page and "Employee ID" in page
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_a_week_the_apprentice_filled_in_is_not_overwritten_but_an_empty_draft_is(
    client, alice, placed_ed, kronos, work_processes
):
    from clinic.services import timesheet_for_week, timesheet_save

    day = _day(3)
    sheet = timesheet_for_week(apprentice=placed_ed, monday=day - timedelta(days=day.weekday()))
    client.force_login(alice)
    page = _upload(client, kronos, _csv(_good_rows()[:1])).content.decode()
    assert "1 new row" in page  # an empty draft: the payroll week takes it over
    timesheet_save(timesheet=sheet, hours={(day, work_processes[0].pk): Decimal(4)})
    page = _upload(client, kronos, _csv(_good_rows()[:1])).content.decode()
    assert "own timesheet for that week is in progress" in page


@pytest.mark.django_db
def test_a_row_imported_under_another_day_is_still_a_duplicate(client, alice, placed_ed, kronos):
    client.force_login(alice)
    _upload(
        client, kronos, _csv([("E1001", _day(10).strftime("%m/%d/%Y"), "8", "Vital signs", "P1")])
    )
    client.post(reverse("clinic:import_preview", args=[ImportBatch.objects.get().pk]))
    page = _upload(
        client, kronos, _csv([("E1001", _day(3).strftime("%m/%d/%Y"), "8", "Vital signs", "P1")])
    ).content.decode()
    assert "1 duplicate" in page and "0 new rows" in page


@pytest.mark.django_db
def test_without_a_row_id_the_same_row_written_differently_is_one_row(
    client, alice, placed_ed, kronos
):
    kronos.row_key_column = ""
    kronos.save()
    client.force_login(alice)
    day = _day(3).strftime("%m/%d/%Y")
    _upload(client, kronos, _csv([("E1001", day, "8", "Vital signs", "")]))
    client.post(reverse("clinic:import_preview", args=[ImportBatch.objects.get().pk]))
    page = _upload(
        client, kronos, _csv([("E1001", day, "8.00", "vital signs", "")])
    ).content.decode()
    assert "1 duplicate" in page


@pytest.mark.django_db
@pytest.mark.parametrize("hours", ["1E-999999999", "7.12345", "1000"])
def test_hours_beyond_two_decimals_are_refused(client, alice, placed_ed, kronos, hours):
    client.force_login(alice)
    page = _upload(
        client, kronos, _csv([("E1001", _day(3).strftime("%m/%d/%Y"), hours, "Vital signs", "P9")])
    ).content.decode()
    assert "1 rejected" in page


@pytest.mark.django_db
def test_a_mapping_changed_after_the_upload_asks_for_the_file_again(
    client, alice, placed_ed, kronos
):
    client.force_login(alice)
    _upload(client, kronos, _csv(_good_rows()))
    kronos.hours_column = "Hrs"
    kronos.save()
    response = client.get(
        reverse("clinic:import_preview", args=[ImportBatch.objects.get().pk]), follow=True
    )
    assert response.status_code == 200 and "Upload the file again." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fay", "bob", "ed", "ivy"])
def test_only_staff_import(client, request, who, kronos):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("clinic:import")).status_code == 403


@pytest.mark.django_db
def test_the_recent_files_list_and_the_files_page_give_the_same_counts(
    client, alice, placed_ed, kronos
):
    """Two uploads of one file: once the first is imported, the second's rows are duplicates,
    on its page and in the list of recent files alike (one source for both)."""
    client.force_login(alice)
    _upload(client, kronos, _csv(_good_rows()))
    _upload(client, kronos, _csv(_good_rows()))
    first, second = ImportBatch.objects.order_by("pk")
    client.post(reverse("clinic:import_preview", args=[first.pk]))
    page = client.get(reverse("clinic:import_preview", args=[second.pk])).content.decode()
    assert "0 new rows" in page and "2 duplicates" in page
    listing = client.get(reverse("clinic:import")).content.decode()
    row = next(r for r in listing.split("<tr>") if f"/import/{second.pk}/" in r)
    assert [c.split("<")[0] for c in row.split('class="text-end">')[1:]] == ["0", "2", "0"]
    first.refresh_from_db()
    assert first.counts == {"new": 2, "duplicate": 0, "rejected": 0, "not_counted": 0}


@pytest.mark.django_db
def test_hours_that_python_would_read_as_numbers_are_rejected_not_a_500(
    client, alice, placed_ed, kronos
):
    client.force_login(alice)
    day = _day(3).strftime("%m/%d/%Y")
    rows = [
        ("E1001", day, typed, "Vital signs", f"N{n}")
        for n, typed in enumerate(["NaN", "Infinity", "sNaN", "-Infinity", "٨", "1e1"])
    ]
    page = _upload(client, kronos, _csv(rows)).content.decode()
    assert "0 new rows" in page and "6 rejected" in page
    for typed in ("NaN", "Infinity", "sNaN", "٨", "1e1"):
        assert f"Hours “{typed}” is not a number." in page
    batch = ImportBatch.objects.get()
    assert client.get(reverse("clinic:import_preview", args=[batch.pk])).status_code == 200


@pytest.mark.django_db
def test_a_sheet_past_the_row_cap_is_refused_while_reading(monkeypatch):
    """The cap stops the reading itself (empty rows count), not a count made afterwards."""
    import time

    from django.core.exceptions import ValidationError

    from clinic import imports

    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 1000)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Employee ID", "Work Date", "Hours", "Activity", "Punch ID"])
    for _ in range(50_000):
        sheet.append([None, None, None, None, "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    started = time.monotonic()
    with pytest.raises(ValidationError, match="more than 1000 rows"):
        imports.read_table(buffer.getvalue())
    assert time.monotonic() - started < 2
    csv_rows = ("Employee ID,Hours\n" + "E1,8\n" * 1500).encode()
    with pytest.raises(ValidationError, match="more than 1000 rows"):
        imports.read_table(csv_rows)


def test_a_workbook_that_unpacks_huge_is_refused(monkeypatch):
    from django.core.exceptions import ValidationError

    from clinic import imports

    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1000)
    workbook = openpyxl.Workbook()
    workbook.active.append(["x" * 5000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ValidationError, match="too large once unpacked"):
        imports.read_table(buffer.getvalue())
