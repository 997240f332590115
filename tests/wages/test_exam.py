"""The certification exam: a cohort scheduled at once, a result that passes or fails by the
pass mark, the retake after the wait, and the apprentice sees the dates."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wages.models import CertificationExam, ExamAttempt
from wages.services import exam_result_record, exam_schedule


@pytest.fixture
def exam(clinical_track):
    return CertificationExam.objects.create(
        track=clinical_track, name="CCMA (NHA)", pass_mark=70, max_score=100, retake_wait_days=30
    )


@pytest.mark.django_db
def test_staff_schedule_a_cohort_at_once(client, alice, cohort, ed_apprentice, exam):
    from tests.cohorts.factories import ApprenticeFactory

    other = ApprenticeFactory(cohort=cohort)
    client.force_login(alice)
    day = timezone.localdate() + timedelta(days=10)
    client.post(
        reverse("wages:cohort_exam", args=[cohort.pk]),
        {"on": day.isoformat(), "selected": [ed_apprentice.pk, other.pk]},
    )
    assert set(ExamAttempt.objects.values_list("scheduled_on", flat=True)) == {day}


@pytest.mark.django_db
@pytest.mark.parametrize(("score", "passed"), [(69, False), (70, True)])
def test_the_pass_mark_decides_and_a_fail_schedules_the_retake(
    ed_apprentice, alice, exam, score, passed
):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate())
    exam_result_record(
        attempt=attempt, score=score, by=alice, certificate_number="C-1" if passed else ""
    )
    attempt.refresh_from_db()
    assert attempt.passed is passed
    retake = ExamAttempt.objects.filter(score__isnull=True).first()
    if passed:
        assert retake is None
    else:
        assert retake.scheduled_on == attempt.scheduled_on + timedelta(days=30)


@pytest.mark.django_db
def test_a_retake_cannot_come_before_the_wait(ed_apprentice, alice, exam):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate())
    exam_result_record(attempt=attempt, score=50, by=alice)
    with pytest.raises(ValidationError, match="A retake can be from"):
        exam_schedule(apprentice=ed_apprentice, on=timezone.localdate() + timedelta(days=29))
    exam_schedule(apprentice=ed_apprentice, on=timezone.localdate() + timedelta(days=30))


@pytest.mark.django_db
def test_a_result_is_not_recorded_before_the_exam_date(ed_apprentice, alice, exam):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="give the date it was sat"):
        exam_result_record(attempt=attempt, score=80, by=alice, certificate_number="C-2")
    with pytest.raises(ValidationError, match="a day still to come"):
        exam_result_record(
            attempt=attempt,
            score=80,
            by=alice,
            certificate_number="C-2",
            sat_on=timezone.localdate() + timedelta(days=2),
        )


@pytest.mark.django_db
def test_a_sitting_moved_earlier_is_recorded_on_its_real_date(
    client, ed_apprentice, alice, exam, schedule
):
    """Scheduled next week, sat yesterday: the result is dated yesterday and the raise with it."""
    from wages.models import WageStep

    today = timezone.localdate()
    attempt = exam_schedule(apprentice=ed_apprentice, on=today + timedelta(days=7))
    client.force_login(alice)
    page = client.get(reverse("wages:apprentice", args=[ed_apprentice.pk])).content.decode()
    assert "Record the result" in page  # offered before the scheduled date
    client.post(
        reverse("wages:exam_result", args=[attempt.pk]),
        {
            "sat_on": (today - timedelta(days=1)).isoformat(),
            "score": 88,
            "certificate_number": "C-9",
        },
    )
    attempt.refresh_from_db()
    assert (attempt.scheduled_on, attempt.passed) == (today - timedelta(days=1), True)
    assert WageStep.objects.get(trigger="exam").triggered_on == today - timedelta(days=1)


@pytest.mark.django_db
def test_a_score_above_the_highest_is_refused(ed_apprentice, alice, exam):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate())
    with pytest.raises(ValidationError, match="from 0 to 100"):
        exam_result_record(attempt=attempt, score=101, by=alice)


@pytest.mark.django_db
def test_the_apprentice_sees_the_retake_date(client, ed, ed_apprentice, alice, exam):
    attempt = exam_schedule(apprentice=ed_apprentice, on=timezone.localdate())
    exam_result_record(attempt=attempt, score=50, by=alice)
    client.force_login(ed)
    page = client.get(reverse("wages:my_exam")).content.decode()
    retake = timezone.localdate() + timedelta(days=30)
    assert "not passed (50)" in page and f"{retake:%B} {retake.day}, {retake.year}" in page
