"""Wage steps: each trigger makes one pending step paid from the next pay period, approval
fixes the rate from the schedule in force, a new schedule leaves approved raises alone, the
payroll file holds exactly the period's approved raises, prior experience earns hours."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clinic.models import Timesheet
from clinic.services import hours_adjust, timesheet_decide
from cohorts.models import Apprentice
from cohorts.services import cohort_enroll
from programs.models import Program, WageRate
from programs.selectors import hire_rate
from programs.services import wage_schedule_save
from tests.cohorts.factories import ApprenticeFactory
from tests.progress import meet_the_standard
from wages.lifecycle import apprentice_move
from wages.models import WageStep
from wages.services import exam_result_record, exam_schedule
from wages.steps import (
    hours_steps_trigger,
    prior_experience_credit,
    wage_step_approve,
    wage_step_trigger,
    wage_steps_approve,
)

Trigger = WageRate.Trigger


def test_the_next_pay_period_starts_after_the_day():
    program = Program(pay_period_start=date(2026, 1, 4), pay_period_days=14)
    assert program.next_pay_period(date(2026, 1, 3)) == date(2026, 1, 4)
    assert program.next_pay_period(date(2026, 1, 4)) == date(2026, 1, 18)
    assert program.next_pay_period(date(2026, 1, 17)) == date(2026, 1, 18)
    assert program.next_pay_period(date(2026, 11, 28)) == date(2026, 12, 6)
    assert program.pay_period_of(date(2026, 12, 5)) == date(2026, 11, 22)
    weekly = Program(pay_period_start=date(2026, 1, 4), pay_period_days=7)
    assert weekly.next_pay_period(date(2026, 11, 28)) == date(2026, 11, 29)


@pytest.mark.django_db
def test_passing_the_exam_makes_one_pending_step_from_the_next_pay_period(
    ed_apprentice, alice, exam, schedule
):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate())
    exam_result_record(attempt=attempt, score=80, by=alice, certificate_number="NHA-1")
    step = WageStep.objects.get(apprentice=ed_apprentice)
    assert (step.trigger, step.status, step.hourly_rate) == (Trigger.EXAM, "pending", None)
    program = ed_apprentice.cohort.track.program
    assert step.effective_on == program.next_pay_period(timezone.localdate())
    # The same trigger again makes no second step.
    again = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date(2027, 1, 1))
    assert again.pk == step.pk
    assert WageStep.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_exam_makes_no_step(ed_apprentice, alice, exam, schedule):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate())
    exam_result_record(attempt=attempt, score=60, by=alice)
    assert not WageStep.objects.exists()


@pytest.mark.django_db
def test_no_step_when_the_schedule_has_none_for_the_trigger(ed_apprentice, clinical_track):
    wage_schedule_save(
        track=clinical_track, rates=[(Trigger.HIRE, None, Decimal("18"))], note="", by=None
    )
    assert (
        wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date.today()) is None
    )
    assert not WageStep.objects.exists()


@pytest.mark.django_db
def test_hours_reached_make_the_hours_step_once(ed_apprentice, add_hours, schedule):
    add_hours(ed_apprentice, 999.75)
    assert hours_steps_trigger(today=timezone.localdate()) == 0
    add_hours(ed_apprentice, 0.25)
    assert hours_steps_trigger(today=timezone.localdate()) == 1
    assert hours_steps_trigger(today=timezone.localdate()) == 0
    step = WageStep.objects.get()
    assert (step.key, step.ojl_hours) == ("hours-1000", 1000)


@pytest.mark.django_db
def test_an_approved_week_that_reaches_the_hours_makes_the_step(
    ed_apprentice, add_hours, schedule, fay, work_process
):
    add_hours(ed_apprentice, 980)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    sheet = Timesheet.objects.create(
        apprentice=ed_apprentice,
        week_start=monday,
        status=Timesheet.Status.SUBMITTED,
        total_hours=Decimal(36),
    )
    assert not WageStep.objects.exists()
    timesheet_decide(timesheet=sheet, approve=True, by=fay)
    assert WageStep.objects.get().key == "hours-1000"


@pytest.mark.django_db
def test_an_hours_adjustment_that_reaches_the_hours_makes_the_step(
    ed_apprentice, add_hours, schedule, alice, work_process
):
    add_hours(ed_apprentice, 990)
    hours_adjust(
        apprentice=ed_apprentice,
        work_process=work_process,
        day=timezone.localdate() - timedelta(days=2),
        hours=Decimal(10),
        reason="Missed week entered by hand",
        by=alice,
    )
    assert WageStep.objects.get().key == "hours-1000"


@pytest.mark.django_db
def test_approval_fixes_the_rate_of_the_schedule_in_force(
    ed_apprentice, schedule, clinical_track, grace
):
    step = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date.today())
    wage_schedule_save(
        track=clinical_track,
        rates=[(Trigger.HIRE, None, Decimal("19")), (Trigger.EXAM, None, Decimal("20.75"))],
        note="2027",
        by=grace,
    )
    approved = wage_step_approve(step=step, by=grace)
    assert approved.hourly_rate == Decimal("20.75")
    assert approved.approved_by == grace


@pytest.mark.django_db
def test_a_new_schedule_leaves_approved_raises_alone(
    ed_apprentice, schedule, clinical_track, grace
):
    step = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date.today())
    wage_step_approve(step=step, by=grace)
    wage_schedule_save(
        track=clinical_track,
        rates=[(Trigger.HIRE, None, Decimal("19")), (Trigger.EXAM, None, Decimal("22"))],
        note="2027",
        by=grace,
    )
    step.refresh_from_db()
    assert step.hourly_rate == Decimal("20.00")
    assert hire_rate(clinical_track.pk) == Decimal("19")


@pytest.mark.django_db
def test_a_step_the_new_schedule_dropped_is_refused_with_the_reason(
    ed_apprentice, schedule, clinical_track, grace
):
    step = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date.today())
    wage_schedule_save(
        track=clinical_track, rates=[(Trigger.HIRE, None, Decimal("19"))], note="", by=grace
    )
    done, refused = wage_steps_approve(steps=[step], by=grace)
    assert done == 0
    assert "no longer has this step" in refused[0]
    step.refresh_from_db()
    assert step.status == "pending"


@pytest.mark.django_db
def test_an_approved_step_cannot_be_approved_again(ed_apprentice, schedule, grace):
    step = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date.today())
    wage_step_approve(step=step, by=grace)
    with pytest.raises(ValidationError, match="already approved"):
        wage_step_approve(step=step, by=grace)


@pytest.mark.django_db
def test_nobody_approves_their_own_raise(ed_apprentice, schedule, ed):
    step = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date.today())
    with pytest.raises(ValidationError, match="your own raise"):
        wage_step_approve(step=step, by=ed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rates", "message"),
    [
        ([(Trigger.EXAM, None, Decimal("20"))], "starts with the hire rate"),
        (
            [(Trigger.HIRE, None, Decimal("20")), (Trigger.EXAM, None, Decimal("19"))],
            "cannot pay less",
        ),
        (
            [
                (Trigger.HIRE, None, Decimal("18")),
                (Trigger.HOURS, 1000, Decimal("19")),
                (Trigger.HOURS, 1000, Decimal("20")),
            ],
            "Each step can appear once",
        ),
        (
            [(Trigger.HIRE, None, Decimal("5"))],
            r"Hire pays \$5, below the minimum wage of \$7.25 \(federal; 29 CFR 29.5\(b\)\(5\)\)",
        ),
        (
            [
                (Trigger.HIRE, None, Decimal("17")),
                (Trigger.HOURS, 300, Decimal("17.50")),
                (Trigger.HOURS, 1000, Decimal("17.25")),
            ],
            r"the step at 1000 on-the-job hours pays \$17.25 after the step at 300",
        ),
        (
            [
                (Trigger.HIRE, None, Decimal("17")),
                (Trigger.EXAM, None, Decimal("19")),
                (Trigger.COMPLETION, None, Decimal("18.50")),
            ],
            r"apprenticeship completed pays \$18.50 after certification exam passed",
        ),
    ],
)
def test_a_schedule_that_makes_no_sense_is_refused(clinical_track, grace, rates, message):
    with pytest.raises(ValidationError, match=message):
        wage_schedule_save(track=clinical_track, rates=rates, note="", by=grace)
    assert not clinical_track.wage_schedules.exists()


@pytest.mark.django_db
def test_the_payroll_file_holds_exactly_the_approved_raises_of_the_period(
    client, alice, grace, cohort, schedule
):
    program = cohort.track.program
    period = date(2026, 11, 22)
    a, b, c, d = (ApprenticeFactory(cohort=cohort) for _ in range(4))
    a.employee_id, b.employee_id = "E-1001", "E-1002"
    a.starting_hourly_rate = b.starting_hourly_rate = Decimal("18.50")
    Apprentice.objects.bulk_update([a, b], ["employee_id", "starting_hourly_rate"])
    in_period = wage_step_trigger(apprentice=a, trigger=Trigger.EXAM, on=date(2026, 11, 10))
    wage_step_approve(step=in_period, by=grace)
    also = wage_step_trigger(apprentice=b, trigger=Trigger.EXAM, on=date(2026, 11, 21))
    wage_step_approve(step=also, by=grace)
    wage_step_trigger(apprentice=c, trigger=Trigger.EXAM, on=date(2026, 11, 10))  # pending
    later = wage_step_trigger(apprentice=d, trigger=Trigger.EXAM, on=date(2026, 11, 23))
    wage_step_approve(step=later, by=grace)
    assert in_period.effective_on == also.effective_on == period
    assert later.effective_on == date(2026, 12, 6)
    client.force_login(alice)
    response = client.get(reverse("wages:payroll_file"), {"period": "2026-11-30"})
    assert response["Content-Disposition"].endswith('wage-steps-2026-11-22.csv"')
    lines = response.content.decode().strip().splitlines()
    assert lines[0].startswith("employee_id,last_name,first_name")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["E-1001", "E-1002"]
    assert ",18.50,20.00,2026-11-22," in lines[1]
    assert program.pay_period_of(date(2026, 11, 30)) == period


@pytest.mark.django_db
def test_prior_experience_counts_as_hours_and_earns_the_hours_step(
    ed_apprentice, schedule, alice, work_process
):
    credit = prior_experience_credit(
        apprentice=ed_apprentice,
        hours=1200,
        work_process=work_process,
        evidence="Two years as a CNA; employer letter",
        by=alice,
    )
    assert credit.adjustment.hours == 1200
    assert "Prior experience credit" in credit.adjustment.reason
    step = WageStep.objects.get(apprentice=ed_apprentice)
    assert (step.key, step.status) == ("hours-1000", "pending")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "hours", "evidence", "message"),
    [
        (Apprentice.Status.ACTIVE, 100, "CNA", "at enrolment"),
        (Apprentice.Status.PROBATION, 0, "CNA", "between 1 and"),
        (Apprentice.Status.PROBATION, 2000, "CNA", "between 1 and"),
        (Apprentice.Status.PROBATION, 100, "  ", "Describe the experience"),
    ],
)
def test_prior_experience_credit_is_refused_with_the_reason(
    ed_apprentice, schedule, alice, work_process, status, hours, evidence, message
):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=status)
    ed_apprentice.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        prior_experience_credit(
            apprentice=ed_apprentice,
            hours=hours,
            work_process=work_process,
            evidence=evidence,
            by=alice,
        )
    assert not WageStep.objects.exists()


@pytest.mark.django_db
def test_enrolment_records_the_offer_rate_as_the_hire_step(cohort, schedule, alice):
    from tests.applicants.factories import SubmittedApplicationFactory

    apprentice = cohort_enroll(
        application=SubmittedApplicationFactory(track=cohort.track),
        cohort=cohort,
        department=None,
        employment_start=cohort.start_date,
        hourly_rate=Decimal("18.75"),
        enrolled_by=alice,
    )
    step = WageStep.objects.get(apprentice=apprentice)
    assert (step.trigger, step.status, step.hourly_rate) == (
        Trigger.HIRE,
        "approved",
        Decimal("18.75"),
    )
    assert step.effective_on == cohort.start_date


@pytest.mark.django_db
def test_completion_makes_the_completion_step(ed_apprentice, schedule, alice):
    meet_the_standard(ed_apprentice)
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Apprentice.Status.ACTIVE)
    apprentice_move(
        apprentice=ed_apprentice, to_status="completed", effective_on=date.today(), by=alice
    )
    assert WageStep.objects.get(apprentice=ed_apprentice).trigger == Trigger.COMPLETION


@pytest.mark.django_db
def test_a_step_earned_out_of_order_never_lowers_pay(ed_apprentice, schedule, grace):
    from wages.selectors import wage_history

    hours = wage_step_trigger(
        apprentice=ed_apprentice, trigger=Trigger.HOURS, ojl_hours=1000, on=date(2026, 1, 5)
    )
    wage_step_approve(step=hours, by=grace)
    exam = wage_step_trigger(apprentice=ed_apprentice, trigger=Trigger.EXAM, on=date(2026, 3, 2))
    exam = wage_step_approve(step=exam, by=grace)
    assert exam.previous_rate == Decimal("20.50")
    history = wage_history(apprentice=ed_apprentice, today=date(2026, 6, 1))
    assert history.current_rate == Decimal("20.50")


@pytest.mark.django_db
def test_an_hours_step_may_come_before_the_exam_step(clinical_track, grace):
    """#27: "hire $17, at 300 h $17.50, exam passed $18.50" is a progressively increasing
    schedule (29 CFR 29.5(b)(5)): the exam may be passed before or after the 300 hours."""
    from programs.services import wage_schedule_save

    schedule = wage_schedule_save(
        track=clinical_track,
        rates=[
            (Trigger.HIRE, None, Decimal("17")),
            (Trigger.HOURS, 300, Decimal("17.50")),
            (Trigger.EXAM, None, Decimal("18.50")),
        ],
        note="Hours before the exam",
        by=grace,
    )
    assert schedule.rates.count() == 3
