"""Writes of the certification exam: scheduling a cohort, recording a result (pass or fail
from the pass mark; a pass earns the exam wage step), the retake after the wait."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from apprenticeship.batch import each_reporting_refusals
from apprenticeship.updates import model_update
from cohorts.models import Apprentice
from programs.models import Track, WageRate
from wages.credentials import credentials_award
from wages.models import CertificationExam, ExamAttempt
from wages.steps import wage_step_trigger

EXAM_FIELDS = (
    "name",
    "pass_mark",
    "max_score",
    "retake_wait_days",
    "min_rti_percent",
    "min_competencies_percent",
)


@transaction.atomic
def exam_settings_save(*, track: Track, data: dict) -> CertificationExam:
    exam = CertificationExam.objects.filter(track=track).first() or CertificationExam(track=track)
    if data.get("pass_mark", 0) > data.get("max_score", exam.max_score):
        raise ValidationError(_("The pass mark cannot be above the highest score."))
    return model_update(instance=exam, data=data, fields=EXAM_FIELDS)


@transaction.atomic
def exam_schedule(*, apprentice: Apprentice, on: date) -> ExamAttempt:
    """Schedule (or move) the apprentice's next sitting."""
    exam = CertificationExam.objects.filter(track=apprentice.cohort.track_id).first()
    if exam is None:
        raise ValidationError(_("The track has no certification exam set up yet."))
    if ExamAttempt.objects.filter(apprentice=apprentice, passed=True).exists():
        raise ValidationError(_("%(person)s already passed.") % {"person": apprentice.person})
    last_fail = (
        ExamAttempt.objects.filter(apprentice=apprentice, passed=False)
        .order_by("-scheduled_on")
        .first()
    )
    if last_fail and on < last_fail.scheduled_on + timedelta(days=exam.retake_wait_days):
        raise ValidationError(
            _("A retake can be from %(day)s (a %(n)d-day wait after the last attempt).")
            % {
                "day": (last_fail.scheduled_on + timedelta(days=exam.retake_wait_days)).strftime(
                    "%b %d, %Y"
                ),
                "n": exam.retake_wait_days,
            }
        )
    attempt = (
        ExamAttempt.objects.select_for_update()
        .filter(apprentice=apprentice, score__isnull=True)
        .first()
    )
    if attempt is None:
        attempt = ExamAttempt(apprentice=apprentice, exam=exam)
    attempt.scheduled_on = on
    attempt.full_clean()
    attempt.save()
    return attempt


def cohort_exam_schedule(*, apprentices: Iterable[Apprentice], on: date) -> tuple[int, list[str]]:
    return each_reporting_refusals(
        apprentices,
        lambda apprentice: exam_schedule(apprentice=apprentice, on=on),
        name=lambda apprentice: apprentice.person,
    )


@transaction.atomic
def exam_result_record(
    *,
    attempt: ExamAttempt,
    score: int,
    by: User,
    certificate_number: str = "",
    certificate_expires_on: date | None = None,
    sat_on: date | None = None,
) -> ExamAttempt:
    """The result, dated the day the exam was sat (`sat_on`, the scheduled date unless the
    sitting moved): passed when the score reaches the pass mark, the raise earned that day. A
    fail opens the next date after the retake wait, which the apprentice sees."""
    attempt = ExamAttempt.objects.select_for_update().select_related("exam").get(pk=attempt.pk)
    if attempt.score is not None:
        raise ValidationError(_("This attempt already has its result."))
    sat_on = sat_on or attempt.scheduled_on
    if sat_on > timezone.localdate():
        raise ValidationError(
            _("The exam is scheduled for a later day: give the date it was sat.")
            if sat_on == attempt.scheduled_on
            else _("The exam cannot have been sat on a day still to come.")
        )
    if sat_on < attempt.apprentice.employment_start:
        raise ValidationError(_("The exam was sat before the apprenticeship began."))
    attempt.scheduled_on = sat_on
    if not 0 <= score <= attempt.exam.max_score:
        raise ValidationError(
            _("The score is from 0 to %(max)d.") % {"max": attempt.exam.max_score}
        )
    attempt.score = score
    attempt.passed = score >= attempt.exam.pass_mark
    if attempt.passed and not certificate_number.strip():
        raise ValidationError(_("A pass needs the certificate number."))
    attempt.certificate_number = certificate_number.strip() if attempt.passed else ""
    attempt.certificate_expires_on = certificate_expires_on if attempt.passed else None
    attempt.recorded_by, attempt.recorded_at = by, timezone.now()
    attempt.save()
    if attempt.passed:
        wage_step_trigger(apprentice=attempt.apprentice, trigger=WageRate.Trigger.EXAM, on=sat_on)
        credentials_award(today=timezone.localdate(), apprentice_ids=[attempt.apprentice_id])
    else:
        ExamAttempt.objects.create(
            apprentice=attempt.apprentice,
            exam=attempt.exam,
            scheduled_on=attempt.scheduled_on + timedelta(days=attempt.exam.retake_wait_days),
        )
    return attempt
