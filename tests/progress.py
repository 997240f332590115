"""Make an apprentice meet their standard for real (no monkeypatched gate): approved on-the-job
hours, classroom attendance, competencies signed off and the exam passed, each on request."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from classroom.models import Attendance, ClassSession
from clinic.models import Competency, CompetencySignoff, HoursAdjustment, WorkProcess
from cohorts.models import Apprentice
from wages.models import CertificationExam, ExamAttempt


def give_ojl_hours(apprentice: Apprentice, hours: int | Decimal) -> None:
    """Approved hours, as a correction the program office records (an approved adjustment)."""
    HoursAdjustment.objects.create(
        apprentice=apprentice,
        work_process=WorkProcess.objects.filter(track=apprentice.cohort.track_id).first(),
        day=apprentice.employment_start,
        hours=Decimal(hours),
        reason="Hours from the timekeeping system",
    )


def attend_every_class(apprentice: Apprentice) -> None:
    for session in ClassSession.objects.filter(cohort=apprentice.cohort_id):
        Attendance.objects.update_or_create(
            session=session,
            apprentice=apprentice,
            defaults={"status": Attendance.Status.PRESENT, "hours_credited": session.hours},
        )


def sign_off_every_competency(apprentice: Apprentice, level: str = "independent") -> None:
    for competency in Competency.objects.filter(
        work_process__track=apprentice.cohort.track_id, is_active=True
    ):
        CompetencySignoff.objects.get_or_create(
            apprentice=apprentice,
            competency=competency,
            level=level,
            defaults={"signed_on": timezone.localdate()},
        )


def pass_the_exam(apprentice: Apprentice) -> ExamAttempt:
    exam, _created = CertificationExam.objects.get_or_create(
        track=apprentice.cohort.track, defaults={"name": "NHA CCMA", "pass_mark": 70}
    )
    attempt = ExamAttempt.objects.create(
        apprentice=apprentice, exam=exam, scheduled_on=timezone.localdate(), score=90
    )
    ExamAttempt.objects.filter(pk=attempt.pk).update(passed=True)
    return attempt


def meet_the_standard(apprentice: Apprentice) -> None:
    """Everything version 1 of a track asks for completion, for real."""
    if not WorkProcess.objects.filter(track=apprentice.cohort.track_id).exists():
        process = WorkProcess.objects.create(
            track=apprentice.cohort.track, order=1, title="Rooming", planned_hours=2000
        )
        Competency.objects.create(work_process=process, order=1, title="Rooms a patient")
    attend_every_class(apprentice)
    sign_off_every_competency(apprentice)
    pass_the_exam(apprentice)
    give_ojl_hours(apprentice, apprentice.standard.ojl_hours)


def sign_the_agreement(apprentice: Apprentice, signatory) -> None:
    """The agreement prepared, signed by the apprentice (their user) and countersigned by the
    program's signatory, through the services (the PDF left to the worker)."""
    from wages.agreements import agreement_countersign, agreement_prepare, agreement_sign

    program = apprentice.cohort.track.program
    program.agreement_signatory = signatory
    program.save(update_fields=["agreement_signatory"])
    agreement = agreement_prepare(apprentice=apprentice, by=signatory)
    agreement_sign(
        agreement=agreement,
        user=apprentice.person.user,
        typed_name=apprentice.person.full_name,
        consent=True,
        address="192.0.2.1",
    )
    agreement_countersign(
        agreement=agreement,
        user=signatory,
        typed_name=signatory.full_name,
        address="192.0.2.2",
        render=False,
    )
