"""Demo requisitions: Bob's Cardiology requisition with candidates released to him, one with
an offer out; Carol's Pediatrics requisition waiting for approval; starting wages."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from applicants.models import Application
from cohorts.models import Cohort
from hiring.models import Question, Release, Requisition, StartingWage
from programs.models import Department, Track

WAGES = {"clinical": Decimal("18.50"), "administrative": Decimal("17.75")}
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


def seed(users: dict[str, User]) -> None:
    for track in Track.objects.all():
        StartingWage.objects.get_or_create(track=track, defaults={"hourly_rate": WAGES[track.kind]})
    if Requisition.objects.exists():
        return
    Question.objects.bulk_create(
        [
            Question(track=track, competency=competency, text=text, order=i)
            for track in Track.objects.all()
            for i, (competency, text) in enumerate(KIT)
        ]
    )
    today = timezone.localdate()
    for name, status, manager in (
        ("Cardiology", Requisition.Status.OPEN, "bob"),
        ("Pediatrics", Requisition.Status.PENDING, "carol"),
    ):
        department = Department.objects.filter(name=name).first()
        track = Track.objects.filter(kind="clinical").first()
        cohort = (
            Cohort.objects.filter(track=track, start_date__gt=today).order_by("start_date").first()
        )
        if department is None or cohort is None:
            continue
        requisition = Requisition.objects.create(
            department=department,
            track=track,
            cohort=cohort,
            positions=2,
            location=department.location or name,
            status=status,
            opened_by=users[manager],
            approved_by=users["alice"] if status == Requisition.Status.OPEN else None,
            approved_at=timezone.now() if status == Requisition.Status.OPEN else None,
        )
        if status == Requisition.Status.OPEN:
            ready = Application.objects.filter(step=Application.Step.READY_FOR_HIRE, track=track)[
                :4
            ]
            Release.objects.bulk_create(
                [
                    Release(
                        requisition=requisition,
                        application=a,
                        released_by=users["alice"],
                        shareable_note="Strong patient-facing experience.",
                    )
                    for a in ready
                ]
            )
