"""Payroll exports as timekeeping writes them (issue: pay and hours as payroll works): pay
codes counted, left out as paid class time or not counted; hours in tenths, minutes or h:mm
rounded by the program's rule; the week's cap counting hours up to it; a row without a work
process waiting for the preceptor instead of a guess. Each row's outcome is in the preview and
exactly the counted hours are written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apprenticeship.dates import week_start
from clinic import imports
from clinic.models import ImportBatch, PayrollMapping, TimeEntry, Timesheet, WorkProcess
from clinic.services import timesheet_decide
from tests.factories import TrackFactory


@pytest.fixture
def ukg(program):
    return PayrollMapping.objects.create(
        program=program,
        name="UKG Pro export",
        employee_id_column="Employee",
        date_column="Date",
        hours_column="Hours",
        work_process_column="Activity",
        pay_code_column="Pay Code",
        pay_codes_counted="REG, OT",
        pay_codes_class="TRN",
        pay_codes_not_counted="PTO, HOL",
        lands_as=PayrollMapping.LandsAs.APPROVED,
    )


def _monday():
    """The Monday of last week: a whole week in the past, within Ed's enrolment."""
    today = timezone.localdate()
    return week_start(today) - timedelta(weeks=1)


def _table(rows):
    return [
        {"Employee": "E1001", "Date": day.isoformat(), "Hours": hours, "Pay Code": code}
        | ({"Activity": activity} if activity is not None else {"Activity": ""})
        for day, hours, code, activity in rows
    ]


@pytest.mark.django_db
def test_pay_codes_tenths_and_an_over_cap_week_each_get_their_outcome(placed_ed, ukg):
    monday = _monday()
    days = [monday + timedelta(days=n) for n in range(7)]
    table = _table(
        [
            (days[0], "16", "REG", "Vital signs"),
            (days[1], "16", "REG", "Vital signs"),
            (days[2], "8", "PTO", "Vital signs"),  # paid time off: not OJL
            (days[2], "4", "TRN", "Vital signs"),  # paid class time: attendance counts it
            (days[3], "13.9", "OT", "Vital signs"),  # tenths: rounded to 14.00
            (days[4], "16", "REG", "Vital signs"),  # 46 so far: 14 of 16 reach the cap of 60
            (days[5], "8", "REG", "Vital signs"),  # over the cap: not counted
            (days[6], "3", "XYZ", "Vital signs"),  # unknown code: refused, never guessed
        ]
    )
    rows = imports.import_preview(mapping=ukg, table=table)
    outcome = [(r.status, r.hours if r.status == "new" else None) for r in rows]
    assert outcome == [
        ("new", Decimal("16")),
        ("new", Decimal("16")),
        ("not_counted", None),
        ("not_counted", None),
        ("new", Decimal("14.00")),
        ("new", Decimal("14")),
        ("not_counted", None),
        ("rejected", None),
    ]
    assert rows[5].note == "14 of 16 counted: the week's cap is 60 hours"
    assert "pay code PTO" in rows[2].reason
    assert "instructor's attendance" in rows[3].reason
    assert rows[4].note == "13.9 rounded to 14.00"
    assert "Over the week's 60 hours" in rows[6].reason
    assert "Unknown pay code “XYZ”" in rows[7].reason


@pytest.mark.django_db
def test_the_row_that_reaches_the_cap_counts_in_part_and_exactly_that_is_written(
    alice, placed_ed, ukg
):
    monday = _monday()
    table = _table(
        [(monday + timedelta(days=n), "13", "REG", "Vital signs") for n in range(5)]
    )  # 65 hours
    rows = imports.import_preview(mapping=ukg, table=table)
    assert [r.hours for r in rows] == [Decimal(13)] * 4 + [Decimal(8)]
    assert rows[4].note == "8 of 13 counted: the week's cap is 60 hours"
    batch = ImportBatch.objects.create(mapping=ukg, file_name="x.csv")
    csv = "Employee,Date,Hours,Pay Code,Activity\n" + "".join(
        f"E1001,{r['Date']},13,REG,Vital signs\n" for r in table
    )
    from django.core.files.base import ContentFile

    batch.file.save("x.csv", ContentFile(csv.encode()))
    assert imports.import_confirm(batch=batch, by=alice) == 5
    sheet = Timesheet.objects.get(apprentice=placed_ed, week_start=monday)
    assert (sheet.status, sheet.total_hours) == ("approved", Decimal(60))
    assert sum(TimeEntry.objects.values_list("hours", flat=True)) == Decimal(60)
    # The same file again: every row known, nothing more written.
    again = ImportBatch.objects.create(mapping=ukg, file_name="x.csv")
    again.file.save("x.csv", ContentFile(csv.encode()))
    assert {r.status for r in imports.batch_rows(again)} == {"duplicate"}
    assert imports.import_confirm(batch=again, by=alice) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("unit", "raw", "counted"),
    [
        ("minutes", "470", Decimal("7.75")),  # 7.833 h: the nearest quarter is 7.75
        ("minutes", "472", Decimal("7.75")),
        ("minutes", "473", Decimal("8.00")),  # 7.883 h: nearer 8
        ("clock", "7:50", Decimal("7.75")),
        ("clock", "7:53", Decimal("8.00")),
        ("hours", "7.875", Decimal("8.00")),  # the half rounds up
        ("hours", "7.87", Decimal("7.75")),
    ],
)
def test_minutes_and_clock_hours_round_to_the_nearest_quarter(placed_ed, ukg, unit, raw, counted):
    ukg.hours_unit = unit
    ukg.save()
    rows = imports.import_preview(
        mapping=ukg, table=_table([(_monday(), raw, "REG", "Vital signs")])
    )
    assert (rows[0].status, rows[0].hours) == ("new", counted)


@pytest.mark.django_db
def test_the_program_s_own_rules_apply(placed_ed, ukg, program):
    program.hours_increment = Decimal("0.10")
    program.max_week_hours = Decimal(40)
    program.save()
    monday = _monday()
    table = _table(
        [(monday, "7.83", "REG", "Vital signs")]
        + [(monday + timedelta(days=n), "16", "REG", "Vital signs") for n in (1, 2, 3, 4)]
    )
    rows = imports.import_preview(mapping=ukg, table=table)
    assert [(r.status, r.hours) for r in rows[:4]] == [
        ("new", Decimal("7.80")),
        ("new", Decimal("16")),
        ("new", Decimal("16")),
        ("new", Decimal("0.20")),
    ]
    assert rows[3].note == "0.2 of 16 counted: the week's cap is 40 hours"
    assert rows[4].status == "not_counted"


@pytest.mark.django_db
def test_a_row_without_a_work_process_waits_for_the_preceptor(placed_ed, ukg, alice, fay):
    from django.core.files.base import ContentFile

    monday = _monday()
    batch = ImportBatch.objects.create(mapping=ukg, file_name="x.csv")
    batch.file.save(
        "x.csv",
        ContentFile(
            (
                "Employee,Date,Hours,Pay Code,Activity\n"
                f"E1001,{monday.isoformat()},8,REG,\n"
                f"E1001,{(monday + timedelta(days=1)).isoformat()},8,REG,Vital signs\n"
            ).encode()
        ),
    )
    rows = imports.batch_rows(batch)
    assert rows[0].work_process is None and "the preceptor assigns it" in rows[0].note
    imports.import_confirm(batch=batch, by=alice)
    # The mapping lands weeks approved, but this one waits: its work process is not known.
    sheet = Timesheet.objects.get(apprentice=placed_ed, week_start=monday)
    assert sheet.status == "submitted"
    with pytest.raises(ValidationError, match="Choose the work process of each payroll entry"):
        timesheet_decide(timesheet=sheet, approve=True, by=fay)
    entry = sheet.entries.get(work_process__isnull=True)
    elsewhere = WorkProcess.objects.create(
        track=TrackFactory(program=placed_ed.cohort.track.program),
        order=1,
        title="Elsewhere",
        planned_hours=1,
    )
    with pytest.raises(ValidationError, match="not in the apprentice's track"):
        timesheet_decide(timesheet=sheet, approve=True, by=fay, assignments={entry.pk: elsewhere})
    vitals = WorkProcess.objects.get(track=placed_ed.cohort.track, title="Vital signs")
    timesheet_decide(timesheet=sheet, approve=True, by=fay, assignments={entry.pk: vitals})
    sheet.refresh_from_db()
    assert sheet.status == "approved"
    assert not sheet.entries.filter(work_process__isnull=True).exists()


@pytest.mark.django_db
def test_the_preceptor_assigns_the_work_process_on_the_week_s_page(
    client, placed_ed, ukg, alice, fay
):
    from django.core.files.base import ContentFile

    monday = _monday()
    batch = ImportBatch.objects.create(mapping=ukg, file_name="x.csv")
    batch.file.save(
        "x.csv",
        ContentFile(f"Employee,Date,Hours,Pay Code,Activity\nE1001,{monday},6.5,REG,\n".encode()),
    )
    imports.import_confirm(batch=batch, by=alice)
    sheet = Timesheet.objects.get(apprentice=placed_ed, week_start=monday)
    entry = sheet.entries.get()
    client.force_login(fay)
    url = reverse("clinic:timesheet", args=[sheet.pk])
    page = client.get(url).content.decode()
    assert "Payroll entries without a work process" in page
    response = client.post(url, {"approve": "1", "comment": ""})
    assert "Choose the work process of each payroll entry first." in response.content.decode()
    vitals = WorkProcess.objects.get(track=placed_ed.cohort.track, title="Vital signs")
    response = client.post(url, {"approve": "1", "comment": "", f"assign-{entry.pk}": vitals.pk})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.work_process == vitals
    sheet.refresh_from_db()
    assert sheet.status == "approved"


@pytest.mark.django_db
def test_the_preview_page_shows_each_row_s_pay_code_and_what_it_became(
    client, alice, placed_ed, ukg
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    monday = _monday()
    content = (
        "Employee,Date,Hours,Pay Code,Activity\n"
        f"E1001,{monday},7.9,REG,Vital signs\n"
        f"E1001,{monday},8,PTO,Vital signs\n"
    ).encode()
    client.force_login(alice)
    page = client.post(
        reverse("clinic:import"),
        {"mapping": ukg.pk, "upload": SimpleUploadedFile("ukg.csv", content)},
        follow=True,
    ).content.decode()
    assert "1 new row" in page and "1 not counted" in page
    assert "7.9 rounded to 8.00" in page
    assert "Not on-the-job hours (pay code PTO)." in page
    assert "Hours are rounded to the nearest 0.25 h" in page
