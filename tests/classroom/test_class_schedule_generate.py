from datetime import date, time
from decimal import Decimal

import pytest

from classroom.models import ClassSession, Module
from classroom.services import class_schedule_generate
from cohorts.models import Closure, Cohort
from tests.cohorts.factories import CohortFactory


@pytest.fixture
def january(clinical_track):
    for i in range(1, 13):
        Module.objects.create(track=clinical_track, order=i, title=f"Topic {i}")
    return CohortFactory(
        track=clinical_track,
        start_date=date(2027, 1, 4),
        class_weekday=Cohort.Weekday.WEDNESDAY,
        class_start_time=time(8, 0),
    )


@pytest.mark.django_db
def test_twelve_weekly_four_hour_classes_make_the_48_hour_plan(january):
    sessions = class_schedule_generate(cohort=january)
    assert len(sessions) == 12
    assert sum(s.hours for s in sessions) == Decimal(48)
    assert sessions[0].date == date(2027, 1, 6)  # the first Wednesday
    assert all(s.date.weekday() == 2 for s in sessions)
    assert [s.module.order for s in sessions] == list(range(1, 13))


@pytest.mark.django_db
def test_closures_are_skipped_and_the_plan_stays_whole(january, program):
    Closure.objects.create(program=program, date=date(2027, 1, 20), reason="MLK Day week")
    Closure.objects.create(program=program, cohort=january, date=date(2027, 2, 3), reason="Room")
    sessions = class_schedule_generate(cohort=january)
    dates = [s.date for s in sessions]
    assert date(2027, 1, 20) not in dates and date(2027, 2, 3) not in dates
    assert len(sessions) == 12
    assert dates[-1] == date(2027, 4, 7)  # two weeks later than without closures


@pytest.mark.django_db
def test_another_cohorts_closure_does_not_move_this_one(january, clinical_track, program):
    other = CohortFactory(track=clinical_track, start_date=date(2027, 2, 1))
    Closure.objects.create(program=program, cohort=other, date=date(2027, 1, 13), reason="x")
    dates = [s.date for s in class_schedule_generate(cohort=january)]
    assert date(2027, 1, 13) in dates


@pytest.mark.django_db
def test_it_does_not_generate_twice(january):
    class_schedule_generate(cohort=january)
    assert class_schedule_generate(cohort=january) == []
    assert ClassSession.objects.filter(cohort=january).count() == 12
