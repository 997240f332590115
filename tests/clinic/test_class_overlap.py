"""Class and clinic on the same day (issue: pay and hours as payroll works): an hour is
related instruction or on-the-job learning, never both. With punches, the import leaves the
class time out of the shift; without them the row is flagged. The apprentice's timesheet
carries the class as a reminder, the preceptor's review flags clinic hours on a class day."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.models import Attendance
from clinic import imports
from clinic.models import PayrollMapping, Timesheet
from clinic.selectors import work_processes
from clinic.services import week_save


@pytest.fixture
def attended(placed_ed, cohort):
    """Ed attended the cohort's most recent past class (8:00, its hours)."""
    session = (
        cohort.sessions.filter(date__lt=timezone.localdate(), kind="regular")
        .order_by("-date")
        .first()
    )
    Attendance.objects.create(
        session=session, apprentice=placed_ed, status="present", hours_credited=session.hours
    )
    return session


@pytest.fixture
def punches(program):
    return PayrollMapping.objects.create(
        program=program,
        name="Kronos with punches",
        employee_id_column="Employee",
        date_column="Date",
        hours_column="Hours",
        work_process_column="Activity",
        in_punch_column="In",
        out_punch_column="Out",
        lands_as=PayrollMapping.LandsAs.APPROVED,
    )


def _row(day, hours, punch_in="", punch_out=""):
    return {
        "Employee": "E1001",
        "Date": day.isoformat(),
        "Hours": hours,
        "Activity": "Vital signs",
        "In": punch_in,
        "Out": punch_out,
    }


@pytest.mark.django_db
def test_the_class_time_within_a_shift_is_left_out(placed_ed, punches, attended):
    start = attended.start_time
    assert start.hour == 8 and attended.hours == Decimal(4)  # the cohort's class: 8:00-12:00
    rows = imports.import_preview(
        mapping=punches,
        table=[
            _row(attended.date, "9", "07:00", "16:00"),  # shares 8:00-12:00: 4 h left out
            _row(attended.date - timedelta(days=1), "9", "07:00", "16:00"),  # no class
        ],
    )
    assert [(r.status, r.hours) for r in rows] == [("new", Decimal("5.00")), ("new", Decimal(9))]
    assert rows[0].overlap.startswith("4 h during class")


@pytest.mark.django_db
def test_a_shift_wholly_during_class_is_not_counted_and_no_punches_is_flagged(
    placed_ed, punches, attended
):
    rows = imports.import_preview(
        mapping=punches,
        table=[
            _row(attended.date, "2", "9:00 AM", "11:00 AM"),
            _row(attended.date, "3"),  # no punches: counted, flagged to check
        ],
    )
    assert rows[0].status == "not_counted" and "during class" in rows[0].reason
    assert (rows[1].status, rows[1].hours) == ("new", Decimal(3))
    assert "check the shift leaves it out" in rows[1].overlap


@pytest.mark.django_db
def test_the_timesheet_reminds_and_the_preceptor_is_flagged(client, placed_ed, ed, fay, attended):
    monday = attended.date - timedelta(days=attended.date.weekday())
    vitals = next(p for p in work_processes(placed_ed.cohort.track_id) if p.title == "Vital signs")
    client.force_login(ed)
    page = client.get(reverse("clinic:my_week", args=[monday.isoformat()])).content.decode()
    assert "Class day" in page and "enter only the clinic hours outside it" in page
    week_save(
        apprentice=placed_ed,
        monday=monday,
        hours={(attended.date, vitals.pk): Decimal(8)},
        no_hours_reason="",
        submit=monday + timedelta(days=6) < timezone.localdate(),
    )
    sheet = Timesheet.objects.get(apprentice=placed_ed, week_start=monday)
    client.force_login(fay)
    page = client.get(reverse("clinic:timesheet", args=[sheet.pk])).content.decode()
    assert "Clinic hours on a day of class" in page
    assert "Class attended (not on-the-job hours)" in page
    assert "4 h credited" in page
