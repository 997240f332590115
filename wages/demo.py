"""Demo status and exam: apprentices at every status (the newest cohort waiting for
registration, a suspension and a cancellation to report), the certification exam of each
track, results for the cohorts past week 12 (a fail and its retake among them) and Ed's
upcoming sitting. Wages: every apprentice's hire rate, the exam and 1,000-hour raises (the
older ones approved, the newest waiting), a credit for prior experience, and a graduate of
the oldest cohort with the certificate of completion."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from classroom.models import Attendance, ClassSession
from clinic.models import Competency, CompetencySignoff, HoursAdjustment, WorkProcess
from cohorts.models import Apprentice, ApprenticeEvent
from programs.models import Track, WageRate
from wages.certificates import certificate_render
from wages.lifecycle import apprentice_move
from wages.models import CertificationExam, CompletionCertificate, ExamAttempt, WageStep
from wages.steps import (
    hire_step_record,
    hours_steps_trigger,
    ojl_hours_of,
    prior_experience_credit,
    wage_step_approve,
    wage_step_trigger,
)

EXAMS = {
    "clinical": "Certified Clinical Medical Assistant (CCMA, NHA)",
    "administrative": "Certified Medical Administrative Assistant (CMAA, NHA)",
}


def seed(users: dict[str, User]) -> None:
    if CertificationExam.objects.exists():
        return
    rng = random.Random(13)  # noqa: S311 - demo data, not security  # nosec B311
    today = timezone.localdate()
    alice = users["alice"]
    exams = {
        track.pk: CertificationExam.objects.create(
            track=track, name=EXAMS[track.kind], pass_mark=390, max_score=500, retake_wait_days=30
        )
        for track in Track.objects.all()
    }
    apprentices = list(
        Apprentice.objects.filter(employment_start__lte=today)
        .select_related("person", "cohort__track")
        .order_by("employment_start", "pk")
    )
    for n, apprentice in enumerate(apprentices):
        apprentice.rapids_id = f"MO{apprentice.employment_start:%Y}-{10000 + apprentice.pk}"
        weeks = (today - apprentice.employment_start).days // 7
        if weeks < 4:  # the newest cohort: not registered yet
            apprentice.rapids_id = ""
            apprentice.status = Apprentice.Status.PENDING_REGISTRATION
        apprentice.save(update_fields=["rapids_id", "status"])
        exam = exams[apprentice.cohort.track_id]
        sat_on = apprentice.employment_start + timedelta(weeks=12, days=3)
        if sat_on <= today:
            score = rng.randint(340, 470) if n % 9 != 4 else rng.randint(300, 385)
            attempt = ExamAttempt.objects.create(
                apprentice=apprentice,
                exam=exam,
                scheduled_on=sat_on,
                score=score,
                passed=score >= exam.pass_mark,
                certificate_number=f"NHA-{rng.randint(1000000, 9999999)}"
                if score >= exam.pass_mark
                else "",
                recorded_by=alice,
                recorded_at=timezone.now(),
            )
            if not attempt.passed:
                retake_on = sat_on + timedelta(days=exam.retake_wait_days)
                retake_score = rng.randint(392, 450)
                ExamAttempt.objects.create(
                    apprentice=apprentice,
                    exam=exam,
                    scheduled_on=retake_on,
                    score=retake_score if retake_on <= today else None,
                    passed=True if retake_on <= today else None,
                    certificate_number=f"NHA-{rng.randint(1000000, 9999999)}"
                    if retake_on <= today
                    else "",
                )
        elif apprentice.person.user_id == users["ed"].pk or weeks >= 8:
            ExamAttempt.objects.create(apprentice=apprentice, exam=exam, scheduled_on=sat_on)
    active = [a for a in apprentices if a.status == Apprentice.Status.ACTIVE]
    on_probation = [a for a in apprentices if a.status == Apprentice.Status.PROBATION]
    if active:
        apprentice_move(
            apprentice=active[len(active) // 2],
            to_status=Apprentice.Status.SUSPENDED,
            effective_on=today - timedelta(days=50),
            by=alice,
            reason="Twelve weeks of family medical leave",
            reason_code="health",
        )
    if len(on_probation) > 1:
        event = apprentice_move(
            apprentice=on_probation[1],
            to_status=Apprentice.Status.CANCELLED,
            effective_on=today - timedelta(days=20),
            by=alice,
            reason="Took a full-time job closer to home",
            reason_code="voluntary",
        )
        ApprenticeEvent.objects.filter(pk=event.pk).update(
            reported_to_dol_on=today - timedelta(days=5)
        )
    if len(active) > 6:
        apprentice_move(
            apprentice=active[6],
            to_status=Apprentice.Status.TRANSFERRED_OUT,
            effective_on=today - timedelta(days=15),
            by=alice,
            reason="Moved to the sponsor's Kansas City program with the family",
            reason_code="transfer",
        )
    if len(active) > 3:
        apprentice_move(
            apprentice=active[3],
            to_status=Apprentice.Status.CANCELLED,
            effective_on=today - timedelta(days=10),
            by=alice,
            reason="Attendance after two written warnings",
            reason_code="performance",
        )
    _seed_wages(users, today)


def _seed_wages(users: dict[str, User], today) -> None:
    alice, grace = users["alice"], users["grace"]
    apprentices = list(
        Apprentice.objects.select_related("person", "cohort__track__program").order_by(
            "employment_start", "pk"
        )
    )
    for apprentice in apprentices:
        hire_step_record(apprentice=apprentice)
    _seed_graduate(apprentices, alice, today)
    for attempt in ExamAttempt.objects.filter(passed=True).select_related("apprentice__cohort"):
        wage_step_trigger(
            apprentice=attempt.apprentice,
            trigger=WageRate.Trigger.EXAM,
            on=attempt.scheduled_on + timedelta(days=2),
        )
    hours_steps_trigger(today=today)
    # Earned long ago: approved when they were earned. The last few weeks': waiting.
    for step in WageStep.objects.filter(status=WageStep.Status.PENDING).select_related(
        "apprentice__cohort__track__program"
    ):
        if step.trigger == WageRate.Trigger.HOURS:
            # About when 1,000 hours were reached at 36-40 hours a week.
            reached = step.apprentice.employment_start + timedelta(weeks=27)
            if reached < today - timedelta(days=21):
                step.triggered_on = reached
                step.effective_on = step.apprentice.cohort.track.program.next_pay_period(reached)
                step.save(update_fields=["triggered_on", "effective_on"])
        if step.triggered_on < today - timedelta(days=21):
            wage_step_approve(step=step, by=grace)
    newest = (
        Apprentice.objects.filter(status=Apprentice.Status.PENDING_REGISTRATION)
        .select_related("cohort__track")
        .first()
    )
    if newest:
        process = WorkProcess.objects.filter(track=newest.cohort.track_id).order_by("order").first()
        if process:
            prior_experience_credit(
                apprentice=newest,
                hours=320,
                work_process=process,
                evidence="Eight months as a certified nursing assistant at Barnes-Jewish; "
                "letter from the nurse manager on file",
                by=alice,
            )


def _seed_graduate(apprentices: list[Apprentice], alice: User, today) -> None:
    """The oldest cohort's strongest apprentice finishes early: a make-up for any class missed,
    the remaining competencies signed off and the hours of the last payroll weeks entered by
    the program office, then the completion through the lifecycle (which refuses it if
    anything is still missing)."""
    if CompletionCertificate.objects.exists():
        return
    candidates = [
        a
        for a in Apprentice.objects.filter(
            pk__in=[a.pk for a in apprentices],
            status=Apprentice.Status.ACTIVE,
            exam_attempts__passed=True,
        )
        .select_related("cohort__track", "preceptor")
        .order_by("employment_start", "pk")
        .distinct()[:5]
    ]
    for apprentice in candidates:
        for session in ClassSession.objects.counting().filter(
            cohort=apprentice.cohort_id, kind=ClassSession.Kind.REGULAR, date__lt=today
        ):
            Attendance.objects.update_or_create(
                session=session,
                apprentice=apprentice,
                defaults={"status": Attendance.Status.PRESENT, "hours_credited": session.hours},
            )
        for competency in Competency.objects.filter(
            work_process__track_id=apprentice.cohort.track_id, is_active=True
        ).exclude(signoffs__apprentice=apprentice, signoffs__level="independent"):
            CompetencySignoff.objects.create(
                apprentice=apprentice,
                competency=competency,
                level=CompetencySignoff.Level.INDEPENDENT,
                signed_on=today - timedelta(days=6),
                by=apprentice.preceptor,
                comment="Performed independently on the unit",
            )
        short = 2000 - ojl_hours_of([apprentice.pk]).get(apprentice.pk, 0)
        if short > 0:
            HoursAdjustment.objects.create(
                apprentice=apprentice,
                work_process=WorkProcess.objects.filter(track=apprentice.cohort.track_id)
                .order_by("order")
                .first(),
                day=today - timedelta(days=7),
                hours=short,
                reason="Extra shifts of the last two pay periods, from the payroll report",
                by=alice,
            )
        try:
            with transaction.atomic():
                apprentice_move(
                    apprentice=apprentice,
                    to_status=Apprentice.Status.COMPLETED,
                    effective_on=today - timedelta(days=3),
                    by=alice,
                )
        except ValidationError:
            continue
        certificate_render(certificate_id=apprentice.completion_certificate.pk)
        return
