from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from classroom.models import Attendance, AttendanceChange
from classroom.services import attendance_mark, credited_hours
from programs.models import Program
from tests.cohorts.factories import ApprenticeFactory

LATE = Attendance.Status.LATE


@pytest.mark.parametrize(
    "status, minutes, hours",
    [
        ("present", 0, "4"),
        ("late", 1, "3.75"),
        ("late", 15, "3.75"),
        ("late", 16, "3.5"),
        ("late", 60, "3"),
        ("late", 239, "0"),
        ("absent", 0, "0"),
        ("excused", 0, "0"),
    ],
)
def test_lateness_reduces_credited_hours_by_started_quarter_hours(status, minutes, hours):
    """The default rule (no grace, each started quarter hour lost)."""
    credited = credited_hours(
        hours=Decimal(4), status=status, minutes_late=minutes, program=Program()
    )
    assert credited == Decimal(hours)


@pytest.mark.parametrize(
    ("grace", "unit", "minutes", "hours"),
    [
        (5, 15, 5, "4"),  # within the grace: nothing lost
        (5, 15, 6, "3.75"),  # one minute beyond: a started quarter hour
        (5, 15, 20, "3.75"),
        (5, 15, 21, "3.5"),
        (0, 6, 7, "3.8"),  # tenths: two started six-minute units
        (10, 60, 11, "3"),
    ],
)
def test_the_program_s_lateness_rule_applies(grace, unit, minutes, hours):
    program = Program(late_grace_minutes=grace, late_unit_minutes=unit)
    credited = credited_hours(
        hours=Decimal(4), status="late", minutes_late=minutes, program=program
    )
    assert credited == Decimal(hours)


@pytest.mark.django_db
def test_marking_on_the_day_credits_hours(todays_session, ed_apprentice, ivy):
    mark = attendance_mark(
        session=todays_session, apprentice=ed_apprentice, status=LATE, minutes_late=20, by=ivy
    )
    assert mark.hours_credited == Decimal("3.5")
    assert not AttendanceChange.objects.exists()


@pytest.mark.django_db
def test_a_change_after_the_day_needs_a_reason_and_is_kept(todays_session, ed_apprentice, ivy):
    attendance_mark(session=todays_session, apprentice=ed_apprentice, status="absent", by=ivy)
    tomorrow = todays_session.date + timedelta(days=1)
    with pytest.raises(ValidationError, match="needs a reason"):
        attendance_mark(
            session=todays_session,
            apprentice=ed_apprentice,
            status="present",
            by=ivy,
            today=tomorrow,
        )
    assert Attendance.objects.get().status == "absent"
    attendance_mark(
        session=todays_session,
        apprentice=ed_apprentice,
        status="present",
        by=ivy,
        reason="Signed the paper sheet",
        today=tomorrow,
    )
    change = AttendanceChange.objects.get()
    assert (change.from_status, change.to_status) == ("absent", "present")
    assert (change.from_hours, change.to_hours) == (Decimal(0), Decimal(4))
    assert change.changed_by == ivy


@pytest.mark.django_db
def test_a_future_class_cannot_be_marked(cohort, ed_apprentice, ivy):
    future = cohort.sessions.filter(
        date__gt=ed_apprentice.cohort.start_date + timedelta(days=40)
    ).first()
    with pytest.raises(ValidationError, match="day of the class"):
        attendance_mark(session=future, apprentice=ed_apprentice, status="present", by=ivy)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_someone_from_another_cohort_cannot_be_marked(todays_session, ivy, clinical_track):
    stranger = ApprenticeFactory(cohort__track=clinical_track)
    with pytest.raises(ValidationError, match="not in this class"):
        attendance_mark(session=todays_session, apprentice=stranger, status="present", by=ivy)


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [0, 240, 500])
def test_late_needs_minutes_shorter_than_the_class(todays_session, ed_apprentice, ivy, minutes):
    with pytest.raises(ValidationError, match="minutes late"):
        attendance_mark(
            session=todays_session,
            apprentice=ed_apprentice,
            status=LATE,
            minutes_late=minutes,
            by=ivy,
        )
