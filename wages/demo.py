"""Demo status and exam: apprentices at every status (the newest cohort waiting for
registration, a suspension and a cancellation to report), the certification exam of each
track, results for the cohorts past week 12 (a fail and its retake among them) and Ed's
upcoming sitting. Wages: every apprentice's hire rate, the exam and 1,000-hour raises (the
older ones approved, the newest waiting), a credit for prior experience, and a graduate of
the oldest cohort with the certificate of completion."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from apprenticeship.pdf import html_to_pdf
from classroom.models import Attendance, ClassSession
from clinic.evaluations import evaluation_acknowledge, evaluation_rate, evaluations_open
from clinic.models import (
    Competency,
    CompetencySignoff,
    Evaluation,
    HoursAdjustment,
    WorkProcess,
)
from cohorts.models import Apprentice, ApprenticeEvent
from programs.models import Program, Track, WageRate
from wages.agreements import agreement_countersign, agreement_prepare, agreement_sign
from wages.certificates import certificate_render
from wages.credentials import credentials_award
from wages.lifecycle import apprentice_move, apprentice_register, probation_end_sweep
from wages.models import (
    Agreement,
    CertificationExam,
    CompletionCertificate,
    ExamAttempt,
    PriorExperienceCredit,
    WageStep,
)
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
    _register(apprentices, users, today)
    for n, apprentice in enumerate(apprentices):
        weeks = (today - apprentice.employment_start).days // 7
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
    # The hybrid track's interim credentials earned so far (the nightly task's own call).
    credentials_award(today=today)
    statuses = dict(Apprentice.objects.values_list("pk", "status"))
    active = [a for a in apprentices if statuses[a.pk] == Apprentice.Status.ACTIVE]
    on_probation = [a for a in apprentices if statuses[a.pk] == Apprentice.Status.PROBATION]
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
    if len(active) > 8:
        _seed_re_entry(active[8], alice, today)
    _seed_wages(users, today)
    if len(on_probation) > 2:
        _seed_transfer_in(on_probation[2], alice)
    _seed_alumni(users, today)
    _seed_evaluations(users, today)


def _seed_evaluations(users: dict[str, User], today) -> None:
    """29 CFR 29.5(b)(6): the evaluations due so far, rated by the preceptor (Fay in
    Cardiology, the program office elsewhere) and the cohort's instructor, acknowledged by the
    apprentice, those of the last ten days still to rate (some overdue); Ed's latest rated and
    waiting for him to acknowledge it."""
    evaluations_open(today=today)
    ed = users["ed"]
    rng = random.Random(29)  # noqa: S311 - demo data, not security  # nosec B311
    latest_of_ed = (
        Evaluation.objects.filter(
            apprentice__person__user=ed, due_on__lt=today - timedelta(days=10)
        )
        .order_by("-week")
        .values_list("pk", flat=True)
        .first()
    )
    for evaluation in Evaluation.objects.filter(
        due_on__lt=today - timedelta(days=10)
    ).select_related("apprentice__person", "apprentice__preceptor", "apprentice__cohort"):
        apprentice = evaluation.apprentice
        criteria = list(evaluation.standard.criteria.all())
        rater = apprentice.preceptor or users["alice"]
        for area in ("job", "rti") if evaluation.needs_rti else ("job",):
            teacher = apprentice.cohort.instructors.first() if area == "rti" else None
            evaluation_rate(
                evaluation=evaluation,
                area=area,
                ratings={c.pk: rng.choice((3, 3, 4, 4, 5)) for c in criteria if c.area == area},
                comment="Steady progress; keep practising the EHR shortcuts."
                if area == "job"
                else "Engaged in class; quiz scores improving.",
                by=(teacher or users["alice"]) if area == "rti" else rater,
            )
        if evaluation.pk == latest_of_ed:
            continue  # Ed acknowledges it himself
        if apprentice.person.user_id:
            evaluation_acknowledge(
                evaluation=evaluation,
                user=apprentice.person.user,
                typed_name=apprentice.person.full_name,
                comment="",
            )
        else:  # an apprentice without an account here signed the printed copy
            Evaluation.objects.filter(pk=evaluation.pk).update(
                acknowledged_at=timezone.now(), acknowledged_name=apprentice.person.full_name
            )


def _seed_re_entry(apprentice: Apprentice, alice: User, today) -> None:
    """Cancelled two months ago, back this week: the hours carry over, the agency hears of the
    reinstatement and the agreement waits for its amendment."""
    apprentice_move(
        apprentice=apprentice,
        to_status=Apprentice.Status.CANCELLED,
        effective_on=today - timedelta(days=60),
        by=alice,
        reason="Left to care for a parent",
        reason_code="health",
    )
    ApprenticeEvent.objects.filter(apprentice=apprentice, to_status="cancelled").update(
        reported_to_dol_on=today - timedelta(days=40)
    )
    apprentice_move(
        apprentice=apprentice,
        to_status=Apprentice.Status.ACTIVE,
        effective_on=today - timedelta(days=4),
        by=alice,
        reason="Returned after the family leave ended; hours and sign-offs carried over",
        reason_code="reentry",
    )


def _seed_transfer_in(apprentice: Apprentice, alice: User) -> None:
    """A transfer from another sponsor's program: hours and two competencies credited from its
    transcript (a real PDF), an amendment of the agreement due."""
    process = WorkProcess.objects.filter(track=apprentice.cohort.track_id).order_by("order").first()
    if process is None:
        return
    transcript = html_to_pdf(
        "<h1>Mercy Health Medical Assistant Apprenticeship</h1><p>Transcript of "
        f"{apprentice.person.full_name}: 480 on-the-job hours (patient intake and rooming), "
        "competencies attained: rooming a patient, vital signs.</p>"
    )
    prior_experience_credit(
        apprentice=apprentice,
        hours=480,
        work_process=process,
        evidence="Transcript from Mercy Health's registered program, signed by its director",
        by=alice,
        source=PriorExperienceCredit.Source.TRANSFER,
        from_sponsor="Mercy Health St. Louis (program 2024-MO-0412)",
        competencies=list(
            Competency.objects.filter(work_process=process, is_active=True).order_by("order")[:2]
        ),
        transcript=ContentFile(transcript, name="transcript.pdf"),
    )


def _agreements(
    apprentices: list[Apprentice], users: dict[str, User], today, waiting: list
) -> None:
    """Every apprentice's agreement prepared from their standard (29 CFR 29.7): signed by both
    in their first days, except the newest cohorts' (the apprentice has signed and Grace, the
    sponsor's signatory, countersigns next; or nobody yet) and the one registered late. Ed
    signs through the service as on his phone; the others' signatures are dated as signed."""
    program = Program.objects.first()
    grace, ed = users["grace"], users["ed"]
    if program.agreement_signatory_id is None:
        program.agreement_signatory = grace
        program.save(update_fields=["agreement_signatory"])
    for n, apprentice in enumerate(apprentices):
        agreement = agreement_prepare(apprentice=apprentice, by=users["alice"])
        days_in = (today - apprentice.employment_start).days
        is_eds = apprentice.person.user_id == ed.pk
        signed_at = timezone.make_aware(
            datetime.combine(apprentice.employment_start + timedelta(days=2), time(17, 5))
        )
        if is_eds:
            agreement_sign(
                agreement=agreement,
                user=ed,
                typed_name=apprentice.person.full_name,
                consent=True,
                address="192.0.2.10",
            )
        elif (days_in < 45 and n % 2 == 0) or apprentice in waiting:
            continue  # not signed yet
        else:
            Agreement.objects.filter(pk=agreement.pk).update(
                apprentice_name=apprentice.person.full_name,
                apprentice_signed_at=signed_at,
                apprentice_address="192.0.2.10",
            )
        if days_in < 45 and not is_eds:
            continue  # signed by the apprentice; the sponsor countersigns next
        agreement_countersign(
            agreement=agreement,
            user=grace,
            typed_name=grace.full_name,
            address="192.0.2.20",
            render=is_eds,
        )
        if not is_eds:
            Agreement.objects.filter(pk=agreement.pk).update(
                sponsor_signed_at=signed_at + timedelta(days=1)
            )


def _register(apprentices: list[Apprentice], users: dict[str, User], today) -> None:
    """Registration through the lifecycle, as staff record it: each apprentice registered in
    RAPIDS 10 to 30 days after starting (29 CFR 29.5(b)(19)'s 45 days), probation ended by the
    nightly sweep. Whatever the day, the cohorts of the last 45 days are still waiting (but
    Ed, registered early) and one apprentice of an older cohort is late."""
    late = next(
        (
            a
            for a in apprentices
            if 50 <= (today - a.employment_start).days < 120 and a.person.user_id is None
        ),
        None,
    )
    _agreements(apprentices, users, today, waiting=[late])
    for apprentice in apprentices:
        days_in = (today - apprentice.employment_start).days
        is_eds = apprentice.person.user_id == users["ed"].pk
        if apprentice == late or (days_in < 45 and not is_eds):
            continue
        apprentice_register(
            apprentice=apprentice,
            rapids_id=f"MO{apprentice.employment_start:%Y}-{10000 + apprentice.pk}",
            registered_on=min(
                today, apprentice.employment_start + timedelta(days=10 + apprentice.pk % 21)
            ),
            by=users["alice"],
        )
    probation_end_sweep(today=today)


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
            # About when the hours were reached at 36-40 hours a week (1,000 h: week 27).
            reached = step.apprentice.employment_start + timedelta(
                weeks=round((step.ojl_hours or 1000) / 37)
            )
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
        short = apprentice.standard.ojl_hours - ojl_hours_of([apprentice.pk]).get(apprentice.pk, 0)
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


ALUMNI = [
    ("Rosa", "Medina"),
    ("Terrence", "Hill"),
    ("Mei", "Tanaka"),
    ("Yolanda", "Price"),
    ("Omar", "Haddad"),
    ("Grace", "Kim"),
    ("Darnell", "Moore"),
    ("Lucia", "Ortiz"),
    ("Hannah", "Schultz"),
    ("Victor", "Nguyen"),
    ("Precious", "Adeyemi"),
    ("Sam", "Keller"),
]
# Most graduates still work here at 6 and 12 months; one in three has left.
ROLES = ["Certified medical assistant, Cardiology", "Patient access lead, Pediatrics", ""]


def _seed_alumni(users: dict[str, User], today) -> None:
    """Graduates of the cohorts that started 25 and 19 months ago (before the records above),
    each with the certificate of completion and the 6- and 12-month follow-ups that are due:
    the graduates page and the dashboard's retention after completion have rows any day."""
    from applicants.models import Application, Person
    from apprenticeship.dates import add_months
    from cohorts.models import Cohort
    from cohorts.services import first_weekday_of_month
    from wages.certificates import follow_up_due, follow_up_record
    from wages.lifecycle import certificate_issue

    if CompletionCertificate.objects.filter(apprentice__cohort__start_date__lt=today).count() > 1:
        return
    names = iter(ALUMNI)
    for track in Track.objects.order_by("pk"):
        for months_ago in (25, 19):
            start = first_weekday_of_month(add_months(today, -months_ago))
            cohort = Cohort.objects.create(track=track, start_date=start, capacity=10)
            for role in ROLES:
                first_name, last_name = next(names)
                person = Person.objects.create(
                    first_name=first_name,
                    last_name=last_name,
                    email=f"{first_name}.{last_name}@example.net".lower(),
                )
                application = Application.objects.create(
                    person=person,
                    track=track,
                    intake_month=(start - timedelta(days=20)).replace(day=1),
                    step=Application.Step.ENROLLED,
                )
                standard = cohort.standard
                completed_on = start + timedelta(weeks=standard.term_weeks, days=-1)
                apprentice = Apprentice.objects.create(
                    person=person,
                    application=application,
                    cohort=cohort,
                    standard=standard,
                    employment_start=start,
                    probation_end=standard.probation_end_from(start),
                    status=Apprentice.Status.COMPLETED,
                    rapids_id=f"MO{start:%Y}-{10000 + person.pk}",
                    starting_hourly_rate=17 if track.kind != "clinical" else 18,
                )
                Status = Apprentice.Status
                registered = start + timedelta(days=12)
                ApprenticeEvent.objects.bulk_create(
                    [
                        ApprenticeEvent(
                            apprentice=apprentice,
                            from_status=before,
                            to_status=after,
                            effective_on=on,
                            reason=reason,
                            during_probation=after
                            in (Status.PENDING_REGISTRATION, Status.PROBATION, Status.ACTIVE),
                            reported_to_dol_on=on + timedelta(days=20)
                            if after == Status.COMPLETED
                            else None,
                            notice=ApprenticeEvent.Notice.COMPLETION
                            if after == Status.COMPLETED
                            else ApprenticeEvent.Notice.NONE,
                        )
                        for before, after, on, reason in (
                            ("", Status.PENDING_REGISTRATION, start, "Enrolled"),
                            (
                                Status.PENDING_REGISTRATION,
                                Status.PROBATION,
                                registered,
                                f"Registered in RAPIDS as {apprentice.rapids_id}",
                            ),
                            (
                                Status.PROBATION,
                                Status.ACTIVE,
                                apprentice.probation_end + timedelta(days=1),
                                "Probation ended",
                            ),
                            (Status.ACTIVE, Status.COMPLETED, completed_on, ""),
                        )
                    ]
                )
                certificate = certificate_issue(apprentice=apprentice, completed_on=completed_on)
                certificate_render(certificate_id=certificate.pk)
                for months in (6, 12):
                    if follow_up_due(completed_on, months) <= today:
                        follow_up_record(
                            apprentice=apprentice,
                            months=months,
                            employed=bool(role),
                            role=role,
                            by=users["alice"],
                            today=today,
                        )
