"""Demo status and exam: apprentices at every status (the newest cohort waiting for
registration, a suspension and a cancellation to report), the certification exam of each
track, results for the cohorts past week 12 (a fail and its retake among them) and Ed's
upcoming sitting."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cohorts.models import Apprentice, ApprenticeEvent
from programs.models import Track
from wages.lifecycle import apprentice_move
from wages.models import CertificationExam, ExamAttempt

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
    if len(active) > 3:
        apprentice_move(
            apprentice=active[3],
            to_status=Apprentice.Status.CANCELLED,
            effective_on=today - timedelta(days=10),
            by=alice,
            reason="Attendance after two written warnings",
            reason_code="performance",
        )
