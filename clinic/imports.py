"""Payroll and timekeeping imports: a CSV or XLSX export read through a saved column mapping,
every row previewed as new, duplicate or rejected (with the reason), then written in one
transaction when staff confirm. Importing the same rows again adds nothing: each row's key is
stored with its hours and is unique per apprentice."""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from accounts.models import User
from apprenticeship.dates import week_start
from apprenticeship.fields import ASCII_NUMBER
from classroom.selectors import class_times
from clinic.models import (
    ImportBatch,
    PayrollMapping,
    TimeEntry,
    Timesheet,
    WorkProcess,
)
from clinic.selectors import term_ends
from clinic.signals import ojl_hours_changed
from cohorts.models import Apprentice
from programs.models import Department, Program, hours_text

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
XLSX_SIGNATURE = b"PK\x03\x04"


class Status:
    NEW = "new"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    NOT_COUNTED = "not_counted"  # read and understood, not on-the-job hours (pay code, cap)


CLOCK = re.compile(r"([0-9]{1,2}):([0-5][0-9])")
MINUTES = re.compile(r"[0-9]{1,4}")


@dataclass
class ImportRow:
    number: int
    employee_id: str
    day: date | None
    hours: Decimal | None  # counted: rounded to the program's step, capped to the week's
    work_process: WorkProcess | None
    key: str
    status: str = Status.NEW
    reason: str = ""
    apprentice: Apprentice | None = None
    raw_hours: str = ""
    pay_code: str = ""
    note: str = ""  # what became of the file's hours (rounded, capped, class time left out)
    exact: Decimal | None = None  # the file's hours before rounding
    punches: tuple[time, time] | None = None
    overlap: str = ""  # the class the same day: left out of the hours, or to check

    def reject(self, reason: str) -> None:
        if self.status != Status.REJECTED:
            self.status, self.reason = Status.REJECTED, reason

    def not_counted(self, reason: str) -> None:
        if self.status == Status.NEW:
            self.status, self.reason = Status.NOT_COUNTED, reason


PUNCH_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p")


def _read_punch(raw: str) -> time | None:
    for fmt in PUNCH_FORMATS:
        try:
            return datetime.strptime(raw.strip().upper(), fmt).time()
        except ValueError:
            continue
    return None


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _read_hours(raw: str, unit: str) -> Decimal | None:
    """The file's hours as a number of hours, by the mapping's unit; None when not one. The
    digits 0-9 and a point only: NaN, Infinity, exponents and other scripts' digits are not
    hours (a row that kept Decimal("NaN") broke the preview)."""
    if unit == PayrollMapping.HoursUnit.MINUTES:
        return (Decimal(raw) / 60).quantize(Decimal("0.0001")) if MINUTES.fullmatch(raw) else None
    if unit == PayrollMapping.HoursUnit.CLOCK:
        match = CLOCK.fullmatch(raw)
        if match is None:
            return None
        return (Decimal(match[1]) + Decimal(match[2]) / 60).quantize(Decimal("0.0001"))
    if not ASCII_NUMBER.fullmatch(raw):
        return None
    hours = Decimal(raw)
    return hours if hours.as_tuple().exponent >= -4 and hours < 1000 else None


def read_table(content: bytes) -> list[dict[str, str]]:
    """The rows of a CSV (UTF-8, with or without BOM) or XLSX file as dicts of text, by the
    header row. The kind is told by the content, never by the file name."""
    if content.startswith(XLSX_SIGNATURE):
        _check_unpacked_size(content)
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # a damaged or disguised file
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from exc
        rows = workbook.active.iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, [])]
        table = []
        # Stop at the cap while reading (empty rows count): a small file of half a million
        # rows kept a worker busy for minutes when the cap was checked afterwards.
        for read, values in enumerate(rows, start=1):
            if read > MAX_IMPORT_ROWS:
                workbook.close()
                raise _too_many_rows()
            if values is None or all(v is None for v in values):
                continue
            table.append({h: _cell(v) for h, v in zip(header, values, strict=False) if h})
        workbook.close()
        return table
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Save the file as CSV (UTF-8) or XLSX.")) from exc
    if "\x00" in text:
        raise ValidationError(_("Save the file as CSV (UTF-8) or XLSX."))
    reader = csv.DictReader(io.StringIO(text))
    try:
        table = []
        for row in reader:
            if len(table) >= MAX_IMPORT_ROWS:
                raise _too_many_rows()
            table.append({(k or "").strip(): (v or "").strip() for k, v in row.items() if k})
        return table
    except csv.Error as exc:  # e.g. a cell longer than the csv module's limit
        raise ValidationError(
            _("The file is not a readable CSV: %(error)s") % {"error": exc}
        ) from exc


# An XLSX file is a zip: its parts unpacked may be far larger than the upload.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(n)d rows: split it.") % {"n": MAX_IMPORT_ROWS}
    )


def _check_unpacked_size(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("The file is not a readable XLSX workbook.")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_("The workbook is too large once unpacked: split it."))


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _parse_day(raw: str, fmt: str) -> date | None:
    for candidate in (fmt, "%Y-%m-%d"):  # XLSX dates arrive as ISO whatever the mapping says
        try:
            return datetime.strptime(raw, candidate).date()
        except ValueError:
            continue
    return None


def _row_key(mapping: PayrollMapping, row: dict[str, str], values: tuple) -> str:
    """The row's own id when the export has one; else its values, normalised ("8" and
    "8.00", "Vital signs" and "vital signs" are the same row)."""
    if mapping.row_key_column and row.get(mapping.row_key_column):
        key = row[mapping.row_key_column]
    else:
        normal = []
        for value in values:
            text = str(value).strip().lower()
            with contextlib.suppress(InvalidOperation):
                text = str(Decimal(text).normalize()) if text else text
            normal.append(text)
        key = hashlib.sha256("|".join(normal).encode()).hexdigest()[:32]
    return f"{mapping.pk}:{key}"[:120]


def missing_columns(mapping: PayrollMapping, table: list[dict[str, str]]) -> list[str]:
    if not table:
        return []
    present = set(table[0])
    wanted = [mapping.employee_id_column, mapping.date_column, mapping.hours_column]
    wanted += [
        c
        for c in (
            mapping.work_process_column,
            mapping.department_column,
            mapping.pay_code_column,
            mapping.in_punch_column,
            mapping.out_punch_column,
        )
        if c
    ]
    return [c for c in wanted if c not in present]


def import_preview(
    *, mapping: PayrollMapping, table: list[dict[str, str]], today: date | None = None
) -> list[ImportRow]:
    """Each row classified as new, duplicate (already imported, or twice in the file) or
    rejected with its reason, in a fixed number of queries whatever the file's size."""
    today = today or timezone.localdate()
    if len(table) > MAX_IMPORT_ROWS:  # a table read by other means than read_table
        raise _too_many_rows()
    missing = missing_columns(mapping, table)
    if missing:
        raise ValidationError(
            _("The file has no column %(columns)s: check the mapping.")
            % {"columns": ", ".join(f"“{c}”" for c in missing)}
        )
    ids = {row.get(mapping.employee_id_column, "") for row in table}
    apprentices = {
        a.employee_id: a
        for a in Apprentice.objects.current()
        .filter(cohort__track__program_id=mapping.program_id, employee_id__in=ids)
        .exclude(employee_id="")
        .select_related("person", "cohort__track")
    }
    processes = {
        (p.track_id, p.title.lower()): p
        for p in WorkProcess.objects.filter(
            track__program_id=mapping.program_id, is_active=True
        ).order_by("order")
    }
    departments = {
        d.lower()
        for d in Department.objects.filter(program_id=mapping.program_id).values_list(
            "name", flat=True
        )
    }
    ends = term_ends(apprentices.values())
    program = Program.objects.get(pk=mapping.program_id)
    rows: list[ImportRow] = []
    for number, row in enumerate(table, start=2):
        employee_id = row.get(mapping.employee_id_column, "")
        raw_day = row.get(mapping.date_column, "")
        raw_hours = row.get(mapping.hours_column, "").replace(",", ".")
        raw_wp = row.get(mapping.work_process_column, "") if mapping.work_process_column else ""
        pay_code = row.get(mapping.pay_code_column, "") if mapping.pay_code_column else ""
        item = ImportRow(
            number=number,
            employee_id=employee_id,
            day=(day := _parse_day(raw_day, mapping.date_format)),
            hours=None,
            work_process=None,
            key=_row_key(
                mapping,
                row,
                (employee_id, day or raw_day, raw_hours, raw_wp)
                + ((pay_code,) if mapping.pay_code_column else ()),
            ),
            raw_hours=raw_hours,
            pay_code=pay_code,
        )
        apprentice = apprentices.get(employee_id)
        item.apprentice = apprentice
        if apprentice is None:
            item.reject(_("Unknown employee id “%(id)s”.") % {"id": employee_id})
        hours = _read_hours(raw_hours, mapping.hours_unit)
        item.exact = hours
        if mapping.in_punch_column and mapping.out_punch_column:
            punch_in = _read_punch(row.get(mapping.in_punch_column, ""))
            punch_out = _read_punch(row.get(mapping.out_punch_column, ""))
            if punch_in and punch_out:
                item.punches = (punch_in, punch_out)
        if hours is None:
            item.reject(_("Hours “%(value)s” is not a number.") % {"value": raw_hours})
        else:
            # The program's rounding rule: the nearest step (a quarter hour by default).
            item.hours = program.rounded(hours)
            if item.hours != hours:
                item.note = _("%(raw)s rounded to %(hours)s") % {
                    "raw": raw_hours,
                    "hours": item.hours,
                }
        if item.day is None:
            item.reject(_("Date “%(value)s” is not a date.") % {"value": raw_day})
        if item.hours is not None and (item.hours <= 0 or item.hours > program.max_day_hours):
            item.reject(
                _("%(h)s hours: from %(step)s to %(cap)s a day.")
                % {
                    "h": raw_hours,
                    "step": program.hours_increment,
                    "cap": hours_text(program.max_day_hours),
                }
            )
        outcome = mapping.pay_code_outcome(pay_code)
        if outcome is None:
            item.reject(
                _("Unknown pay code “%(code)s”: add it to the mapping.") % {"code": pay_code}
            )
        elif outcome == PayrollMapping.CLASS:
            item.not_counted(
                _("Paid class time: classroom hours come from the instructor's attendance.")
            )
        elif outcome == PayrollMapping.NOT_COUNTED:
            item.not_counted(_("Not on-the-job hours (pay code %(code)s).") % {"code": pay_code})
        if apprentice is not None:
            track_id = apprentice.cohort.track_id
            if raw_wp:
                item.work_process = processes.get((track_id, raw_wp.lower()))
                if item.work_process is None:
                    item.reject(_("Unknown work process “%(wp)s”.") % {"wp": raw_wp})
            elif mapping.default_work_process and mapping.default_work_process.track_id == track_id:
                item.work_process = mapping.default_work_process
            else:
                # Never guessed: the row lands in a week waiting for the preceptor, who assigns
                # its work process before approving.
                item.note = _("work process: the preceptor assigns it")
            if item.day is not None:
                if item.day > today:
                    item.reject(_("The date is in the future."))
                elif item.day < apprentice.employment_start or item.day > ends[apprentice.pk]:
                    item.reject(_("The date is outside the apprentice's enrolment."))
        if mapping.department_column:
            department = row.get(mapping.department_column, "")
            if department and department.lower() not in departments:
                item.reject(_("Unknown department “%(name)s”.") % {"name": department})
        rows.append(item)
    _mark_duplicates(rows)
    _leave_out_class_time(rows, program)
    _check_weeks_and_days(rows, mapping, program)
    return rows


def _leave_out_class_time(rows: list[ImportRow], program: Program) -> None:
    """A shift on a day the apprentice attended class: with its punches, the minutes it shares
    with the class are left out (an hour is related instruction or on-the-job learning, never
    both); without them the row is flagged for the preceptor and staff to check."""
    new = [r for r in rows if r.status == Status.NEW]
    if not new:
        return
    classes = class_times(
        {r.apprentice.pk for r in new}, min(r.day for r in new), max(r.day for r in new)
    )
    for row in new:
        attended = classes.get((row.apprentice.pk, row.day))
        if not attended:
            continue
        windows = ", ".join(
            f"{time_format(c.starts, 'TIME_FORMAT')} to {time_format(c.ends, 'TIME_FORMAT')}"
            for c in attended
        )
        if row.punches is None:
            row.overlap = _("class that day (%(times)s): check the shift leaves it out") % {
                "times": windows
            }
            continue
        start, end = (_minutes(t) for t in row.punches)
        if end <= start:
            end += 24 * 60  # a night shift past midnight
        shared = sum(
            max(0, min(end, _minutes(c.ends)) - max(start, _minutes(c.starts))) for c in attended
        )
        if not shared:
            continue
        left = (row.exact or Decimal(0)) - Decimal(shared) / 60
        row.overlap = _("%(h)s h during class (%(times)s) left out") % {
            "h": hours_text(Decimal(shared) / 60),
            "times": windows,
        }
        if left <= 0:
            row.not_counted(_("The whole shift was during class (%(times)s).") % {"times": windows})
            continue
        row.hours = program.rounded(left)


def _mark_duplicates(rows: list[ImportRow]) -> None:
    candidates = [r for r in rows if r.status == Status.NEW]
    if not candidates:
        return
    # By key (the unique index), whatever day the row was imported under before.
    existing = set(
        TimeEntry.objects.filter(
            apprentice_id__in={r.apprentice.pk for r in candidates},
            source_key__in={r.key for r in candidates},
        ).values_list("apprentice_id", "source_key")
    )
    seen: set[tuple[int, str]] = set()
    for row in candidates:
        identity = (row.apprentice.pk, row.key)
        if identity in existing or identity in seen:
            row.status, row.reason = Status.DUPLICATE, _("Already imported.")
        seen.add(identity)


def _check_weeks_and_days(rows: list[ImportRow], mapping: PayrollMapping, program: Program) -> None:
    """The weeks the apprentice keeps themselves, approved weeks, the day's cap (a row over it
    is refused) and the week's (a week's hours count up to it, in the file's order: the row
    that reaches it counts in part, the rows after it not at all)."""
    new = [r for r in rows if r.status == Status.NEW]
    apprentice_ids = {r.apprentice.pk for r in new}
    weeks = {week_start(r.day) for r in new}
    sheets = {
        (t.apprentice_id, t.week_start): t
        for t in Timesheet.objects.filter(apprentice_id__in=apprentice_ids, week_start__in=weeks)
    }
    days = {r.day for r in new}
    booked: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    for apprentice_id, day, hours in (
        TimeEntry.objects.filter(apprentice_id__in=apprentice_ids, day__in=days)
        .values("apprentice_id", "day")
        .annotate(h=Sum("hours"))
        .values_list("apprentice_id", "day", "h")
    ):
        booked[(apprentice_id, day)] = hours
    in_week: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    for apprentice_id, monday, hours in (
        Timesheet.objects.filter(apprentice_id__in=apprentice_ids, week_start__in=weeks)
        .values_list("apprentice_id", "week_start", "total_hours")
        .order_by()
    ):
        in_week[(apprentice_id, monday)] = hours
    for row in new:
        sheet = sheets.get((row.apprentice.pk, week_start(row.day)))
        own = sheet is not None and not sheet.imported
        if own and (sheet.status != Timesheet.Status.DRAFT or sheet.total_hours):
            row.reject(
                _("The apprentice entered that week themselves: record an adjustment instead.")
                if sheet.status == Timesheet.Status.APPROVED
                else _("The apprentice's own timesheet for that week is in progress.")
            )
            continue
        if (
            sheet is not None
            and sheet.status == Timesheet.Status.APPROVED
            and (mapping.lands_as != PayrollMapping.LandsAs.APPROVED or row.work_process is None)
        ):
            row.reject(_("That week is already approved: record an adjustment instead."))
            continue
        booked[(row.apprentice.pk, row.day)] += row.hours
        if booked[(row.apprentice.pk, row.day)] > program.max_day_hours:
            row.reject(
                _("More than %(cap)s hours that day with this row.")
                % {"cap": hours_text(program.max_day_hours)}
            )
            continue
        week = (row.apprentice.pk, week_start(row.day))
        room = program.max_week_hours - in_week[week]
        if room <= 0:
            row.not_counted(
                _("Over the week's %(cap)s hours: not counted.")
                % {"cap": hours_text(program.max_week_hours)}
            )
            continue
        if row.hours > room:
            row.note = _("%(counted)s of %(hours)s counted: the week's cap is %(cap)s hours") % {
                "counted": hours_text(room),
                "hours": hours_text(row.hours),
                "cap": hours_text(program.max_week_hours),
            }
            row.hours = room
        in_week[week] += row.hours


def summary(rows: list[ImportRow]) -> dict[str, int]:
    counts = {Status.NEW: 0, Status.DUPLICATE: 0, Status.REJECTED: 0, Status.NOT_COUNTED: 0}
    for row in rows:
        counts[row.status] += 1
    return counts


def import_upload(*, mapping: PayrollMapping, upload: UploadedFile, by: User) -> ImportBatch:
    """Keep the uploaded file (private storage) for the preview and the confirmation."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB: split it."))
    content = upload.read()
    table = read_table(content)
    if not table:
        raise ValidationError(_("The file has no rows under its header."))
    rows = import_preview(mapping=mapping, table=table)
    upload.seek(0)
    extension = "xlsx" if content.startswith(XLSX_SIGNATURE) else "csv"
    upload.name = f"payroll.{extension}"
    batch = ImportBatch(mapping=mapping, file=upload, file_name=upload.name, uploaded_by=by)
    _store_counts(batch, rows)
    batch.save()
    return batch


def _store_counts(batch: ImportBatch, rows: list[ImportRow]) -> None:
    """The one place a batch's counts are set (upload, each check, confirmation), so the list
    of recent files and the file's own page always show the same figures."""
    counts = summary(rows)
    batch.rows_new = counts[Status.NEW]
    batch.rows_duplicate = counts[Status.DUPLICATE]
    batch.rows_rejected = counts[Status.REJECTED]
    batch.rows_not_counted = counts[Status.NOT_COUNTED]


def batch_rows(batch: ImportBatch) -> list[ImportRow]:
    with batch.file.open("rb") as handle:
        table = read_table(handle.read())
    return import_preview(mapping=batch.mapping, table=table)


def batch_check(*, batch: ImportBatch) -> list[ImportRow]:
    """The file's rows checked against the records as they are now (a week approved or another
    import since the upload changes a row's outcome); the stored counts follow them."""
    rows = batch_rows(batch)
    before = batch.counts
    _store_counts(batch, rows)
    if batch.counts != before:
        batch.save(
            update_fields=["rows_new", "rows_duplicate", "rows_rejected", "rows_not_counted"]
        )
    return rows


@transaction.atomic
def import_confirm(*, batch: ImportBatch, by: User) -> int:
    """Write the batch's new rows, all or nothing; a second confirmation writes nothing.
    Raises ValidationError when the rows changed since the preview (imported meanwhile)."""
    batch = ImportBatch.objects.select_for_update().select_related("mapping").get(pk=batch.pk)
    if batch.confirmed_at is not None:
        return 0
    checked = batch_rows(batch)
    rows = [r for r in checked if r.status == Status.NEW]
    now = _write(rows, batch.mapping, by)
    batch.confirmed_at = now
    _store_counts(batch, checked)
    batch.save(
        update_fields=[
            "confirmed_at",
            "rows_new",
            "rows_duplicate",
            "rows_rejected",
            "rows_not_counted",
        ]
    )
    return len(rows)


# The columns of a row sent through the API (api.views.TimeEntries), in the mapping's place.
API_COLUMNS = {
    "employee_id_column": "employee_id",
    "date_column": "date",
    "hours_column": "hours",
    "work_process_column": "work_process",
    "pay_code_column": "pay_code",
    "row_key_column": "row_id",
    "department_column": "",
    "in_punch_column": "",
    "out_punch_column": "",
}


@transaction.atomic
def import_rows(
    *, mapping: PayrollMapping, entries: list[dict], by: User
) -> tuple[int, list[ImportRow]]:
    """Hours a timekeeping system sends row by row (the API): the same checks, rounding, caps
    and row keys as a file through `mapping` (import_preview), the new rows written at once,
    all or nothing; a row sent again is a duplicate and counts once. Dates are ISO, hours
    in decimals. (written, every row with its outcome)."""
    api = copy.copy(mapping)
    for field, column in API_COLUMNS.items():
        setattr(api, field, column)
    api.hours_unit, api.date_format = PayrollMapping.HoursUnit.HOURS, PayrollMapping.DateFormat.ISO
    if not mapping.pay_code_column:
        api.pay_code_column = ""
    table = [
        {
            "employee_id": str(e["employee_id"]),
            "date": e["date"].isoformat(),
            "hours": str(e["hours"]),
            "work_process": e.get("work_process") or "",
            "pay_code": e.get("pay_code") or "",
            "row_id": e.get("row_id") or "",
        }
        for e in entries
    ]
    rows = import_preview(mapping=api, table=table)
    new = [r for r in rows if r.status == Status.NEW]
    _write(new, mapping, by)
    return len(new), rows


def _write(rows: list[ImportRow], mapping: PayrollMapping, by: User) -> datetime:
    """The new rows into their weeks (created in the status the mapping lands them as), the
    weeks' totals recounted, raises looked at; returns the moment. Raises ValidationError when
    a row was written meanwhile (its key is unique per apprentice)."""
    status = (
        Timesheet.Status.APPROVED
        if mapping.lands_as == PayrollMapping.LandsAs.APPROVED
        else Timesheet.Status.SUBMITTED
    )
    now = timezone.now()
    wanted = {(r.apprentice.pk, week_start(r.day)) for r in rows}
    # A week with a row whose work process the export did not name waits for its preceptor.
    to_assign = {(r.apprentice.pk, week_start(r.day)) for r in rows if r.work_process is None}
    if to_assign and status == Timesheet.Status.APPROVED:
        _import_weeks(wanted - to_assign, status, by, now)
        _import_weeks(to_assign, Timesheet.Status.SUBMITTED, by, now)
    else:
        _import_weeks(wanted, status, by, now)
    sheets = {
        (t.apprentice_id, t.week_start): t.pk
        for t in Timesheet.objects.filter(
            apprentice_id__in={a for a, _w in wanted}, week_start__in={w for _a, w in wanted}
        )
    }
    # COPY rather than INSERT: the file's rows go in one stream (history triggers still run).
    # A row another import wrote meanwhile breaks the unique key: nothing is written.
    try:
        _copy_rows(rows, sheets)
    except IntegrityError as exc:
        raise ValidationError(
            _("Some rows were imported meanwhile: check the file again.")
        ) from exc
    _recount_many(set(sheets.values()))
    if status == Timesheet.Status.APPROVED:
        ojl_hours_changed.send(sender=ImportBatch, apprentice_ids={a for a, _w in wanted})
    return now


def _import_weeks(wanted: set[tuple[int, date]], status: str, by: User, now) -> None:
    """The payroll weeks the rows go in, in the status they land as."""
    # An empty draft the apprentice opened becomes the payroll week.
    for apprentice_id, monday in wanted:
        Timesheet.objects.filter(
            apprentice_id=apprentice_id,
            week_start=monday,
            imported=False,
            status=Timesheet.Status.DRAFT,
            total_hours=0,
        ).update(imported=True, status=status, submitted_at=now)
    Timesheet.objects.bulk_create(
        [
            Timesheet(
                apprentice_id=apprentice_id,
                week_start=monday,
                status=status,
                imported=True,
                submitted_at=now,
                decided_at=now if status == Timesheet.Status.APPROVED else None,
                decided_by=by if status == Timesheet.Status.APPROVED else None,
            )
            for apprentice_id, monday in wanted
        ],
        ignore_conflicts=True,
    )


def _copy_rows(rows: list[ImportRow], sheets: dict) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        columns = "timesheet_id, apprentice_id, day, work_process_id, hours, source_key"
        with cursor.cursor.copy(f"COPY clinic_timeentry ({columns}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(
                    (
                        sheets[(r.apprentice.pk, week_start(r.day))],
                        r.apprentice.pk,
                        r.day,
                        r.work_process.pk if r.work_process else None,
                        r.hours,
                        r.key,
                    )
                )


def _recount_many(timesheet_ids: set[int]) -> None:
    """Each touched week's total set from its entries in one UPDATE."""
    if not timesheet_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clinic_timesheet AS sheet SET total_hours = sums.total "
            "FROM (SELECT timesheet_id, SUM(hours) AS total FROM clinic_timeentry "
            "      WHERE timesheet_id = ANY(%s) GROUP BY timesheet_id) AS sums "
            "WHERE sheet.id = sums.timesheet_id AND sheet.total_hours <> sums.total",
            [list(timesheet_ids)],
        )
