"""Demo hiring: Bob's Cardiology requisition with candidates at every stage (to review,
interviewed with a scorecard, an offer out, one declined with the reason, one accepted and
onboarding), Carol's Pediatrics requisition waiting for approval, starting wages and the
interview kit of each track."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from applicants.models import Application
from applicants.selectors import application_screening_cleared
from cohorts.models import Cohort
from hiring import services
from hiring.models import Question, Release, Requisition
from hiring.selectors import competencies_of
from programs.models import Department, Program, Track, WageRate
from programs.selectors import hire_rate
from programs.services import minimum_wage_add, wage_schedule_save

WAGES = {"clinical": Decimal("18.50"), "administrative": Decimal("17.75")}


def wage_steps(hire: Decimal, *, early_step: bool = False) -> list[tuple[str, int | None, Decimal]]:
    """The demo sponsor's schedule: the hire rate, a raise for the certification, one at
    1,000 on-the-job hours and one at completion; the administrative track also a small raise
    at 300 hours, usually earned before the exam (the steps come in any order)."""
    early = [(WageRate.Trigger.HOURS, 300, hire + Decimal("0.50"))] if early_step else []
    return [
        (WageRate.Trigger.HIRE, None, hire),
        *early,
        (WageRate.Trigger.EXAM, None, hire + Decimal("1.50")),
        (WageRate.Trigger.HOURS, 1000, hire + Decimal("2.00")),
        (WageRate.Trigger.COMPLETION, None, hire + Decimal("2.75")),
    ]


KIT = [
    (
        "Patient care",
        "Tell us about a patient interaction that did not go as planned. What did you do?",
    ),
    (
        "Dependability",
        "How do you make sure you are on time, every shift, for a year of work and class?",
    ),
    ("Teamwork", "Describe a disagreement with a co-worker and how it was resolved."),
    ("Learning", "How will you balance 36 hours in clinic with four hours of class each week?"),
]


# Missouri's minimum wage (RSMo 290.502, as amended by Proposition A, 2024).
MISSOURI_MINIMUM = [(date(2025, 1, 1), Decimal("13.75")), (date(2026, 1, 1), Decimal("15.00"))]


def seed(users: dict[str, User]) -> None:
    program = Program.objects.first()
    if program and not program.minimum_wages.exists():
        for effective_on, rate in MISSOURI_MINIMUM:
            minimum_wage_add(
                program=program,
                jurisdiction="Missouri",
                hourly_rate=rate,
                effective_on=effective_on,
                by=users["grace"],
            )
    for track in Track.objects.filter(wage_schedules__isnull=True):
        wage_schedule_save(
            track=track,
            rates=wage_steps(
                WAGES.get(track.kind, Decimal("17.00")), early_step=track.kind != "clinical"
            ),
            note="The sponsor's schedule for 2026.",
            by=None,
        )
    if Requisition.objects.exists():
        return
    Question.objects.bulk_create(
        [
            Question(track=track, competency=competency, text=text, order=i)
            for track in Track.objects.all()
            for i, (competency, text) in enumerate(KIT, start=1)
        ]
    )
    track = Track.objects.filter(kind="clinical").first()
    cohort = (
        Cohort.objects.filter(track=track, start_date__gt=timezone.localdate())
        .order_by("start_date")
        .first()
    )
    cardiology = Department.objects.filter(name="Cardiology").first()
    pediatrics = Department.objects.filter(name="Pediatrics").first()
    if track is None or cohort is None or cardiology is None or pediatrics is None:
        return
    requisition = services.requisition_open(
        department=cardiology,
        track=track,
        cohort=cohort,
        positions=2,
        location=cardiology.location or cardiology.name,
        shift="Day, Monday to Friday",
        opened_by=users["bob"],
    )
    services.requisition_approve(requisition=requisition, by=users["alice"])
    ready = [
        a
        for a in Application.objects.filter(
            step=Application.Step.READY_FOR_HIRE, track=track
        ).select_related("person")[:12]
        if application_screening_cleared(a)
    ][:6]
    services.candidates_release(
        requisition=requisition,
        applications=ready,
        note="Strong patient-facing experience.",
        by=users["alice"],
    )
    services.requisition_open(
        department=pediatrics,
        track=track,
        cohort=cohort,
        positions=1,
        location=pediatrics.location or pediatrics.name,
        shift="Day, Monday to Friday",
        opened_by=users["carol"],
    )
    _stages(list(requisition.releases.order_by("pk")), users)


def _stages(releases: list[Release], users: dict[str, User]) -> None:
    """Walk the first candidates through the steps, the way Bob and Alice would."""
    if len(releases) < 5:
        return
    today = timezone.localdate()
    bob, alice = users["bob"], users["alice"]
    competencies = competencies_of(releases[0].requisition.track)
    interviews = [
        services.interview_schedule(
            release=release,
            starts_at=timezone.make_aware(
                datetime.combine(today - timedelta(days=7 - i), time(10 + i))
            ),
            minutes=45,
            place="Center for Advanced Medicine, 4th floor, room 4410",
            panel=[bob, alice],
            by=bob,
        )
        for i, release in enumerate(releases[:4])
    ]
    for i, interview in enumerate(interviews):
        services.scorecard_submit(
            interview=interview,
            panelist=bob,
            ratings={c: 5 - (i + n) % 3 for n, c in enumerate(competencies)},
            strengths="Calm and clear with patients; knows the clinic routine.",
            concerns="" if i % 2 else "Has not used Epic before.",
            recommendation="strong_yes" if i < 2 else "yes",
        )
    # Reloaded: the interviews moved these applications on.
    accepted, offered, declined = (Release.objects.get(pk=r.pk) for r in releases[:3])
    for release, days_ago in ((accepted, 5), (offered, 2), (declined, 6)):
        services.offer_record(
            release=release,
            made_on=today - timedelta(days=days_ago),
            position_title="Patient Care Associate",
            hourly_rate=hire_rate(release.requisition.track_id),
            made_by=bob,
        )
    # An exception program staff recorded: an internal hire kept at their current rate.
    exception = Release.objects.get(pk=releases[3].pk)
    services.offer_record(
        release=exception,
        made_on=today - timedelta(days=1),
        position_title="Patient Care Associate",
        hourly_rate=hire_rate(exception.requisition.track_id) - Decimal("0.50"),
        made_by=alice,
        below_schedule_reason="Internal transfer from environmental services: HR keeps the "
        "current rate until the certification raise",
    )
    accepted.refresh_from_db()
    declined.refresh_from_db()
    services.offer_answer(
        offer=accepted.offer,
        accepted=True,
        answered_on=today - timedelta(days=4),
        reason="",
        by=bob,
    )
    services.offer_answer(
        offer=declined.offer,
        accepted=False,
        answered_on=today - timedelta(days=3),
        reason="Accepted a position closer to home.",
        by=alice,
    )
    for item in accepted.onboarding.all()[:2]:
        services.onboarding_item_done(item=item, by=alice)
