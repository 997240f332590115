"""Demo support: Cody coaches the clinical apprentices (Ed among them) with check-ins, a
transportation barrier with a transit-pass referral and a follow-up due, tutoring, mentors,
and the three feedback surveys with answers from the older cohorts."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cohorts.models import Apprentice
from programs.models import Program
from support.models import (
    Barrier,
    CheckIn,
    Referral,
    SupportAction,
    SupportAssignment,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TutoringSession,
)

BARRIERS = ["Transportation", "Childcare", "Money", "Health", "Housing", "Schedule conflicts"]
SURVEYS = [
    ("week_4", "Week 4: settling in"),
    ("week_12", "Week 12: classroom and exam"),
    ("completion", "Completion: looking back"),
]
QUESTIONS = [
    ("I know what is expected of me in clinic", "scale"),
    ("My preceptor helps me learn", "scale"),
    ("The classroom prepares me for the work", "scale"),
    ("I would recommend the program to a friend", "scale"),
    ("What would you change?", "text"),
]
COMMENTS = [
    "More time on EHR practice before going live.",
    "Parking near the clinic is hard to find.",
    "My preceptor is great; the Wednesday class is long.",
    "I wish we had the exam schedule earlier.",
    "Everything is clear, thank you.",
    "More practice with injections please.",
]


def seed(users: dict[str, User]) -> None:
    if Survey.objects.exists():
        return
    rng = random.Random(16)  # noqa: S311 - demo data, not security  # nosec B311
    today = timezone.localdate()
    program = Program.objects.order_by("pk").first()
    barriers = {name: Barrier.objects.create(program=program, name=name) for name in BARRIERS}
    surveys = []
    for when, title in SURVEYS:
        survey = Survey.objects.create(program=program, when=when, title=title)
        SurveyQuestion.objects.bulk_create(
            SurveyQuestion(survey=survey, order=n, text=text, kind=kind)
            for n, (text, kind) in enumerate(QUESTIONS, start=1)
        )
        surveys.append(survey)
    apprentices = list(
        Apprentice.objects.current()
        .filter(employment_start__lte=today)
        .select_related("person", "cohort__track")
        .order_by("-employment_start", "pk")
    )
    clinical = [a for a in apprentices if a.cohort.track.kind == "clinical"][:24]
    cody, fay = users["cody"], users["fay"]
    for n, apprentice in enumerate(clinical):
        SupportAssignment.objects.create(
            apprentice=apprentice, person=cody, kind="coach", starts_on=apprentice.employment_start
        )
        if n % 2 == 0:
            SupportAssignment.objects.create(
                apprentice=apprentice,
                person=fay,
                kind="mentor",
                starts_on=apprentice.employment_start + timedelta(days=7),
            )
        for weeks_ago in range(rng.choice([1, 2, 3]), 12, rng.choice([4, 5, 6])):
            on = today - timedelta(weeks=weeks_ago, days=rng.randint(0, 4))
            if on < apprentice.employment_start:
                continue
            CheckIn.objects.create(
                apprentice=apprentice,
                author=cody,
                on=on,
                how=rng.choice(["in_person", "phone", "video", "text"]),
                notes=rng.choice(
                    [
                        "Settling in well; likes the Cardiology team.",
                        "Worried about the certification exam; set up tutoring.",
                        "Shift change made class attendance hard; talked to the manager.",
                    ]
                ),
            )
    ed = next((a for a in clinical if a.person.user_id == users["ed"].pk), clinical[0])
    check_in = CheckIn.objects.create(
        apprentice=ed,
        author=cody,
        on=today - timedelta(days=9),
        how="phone",
        notes="The 70 bus was cut; Ed was late twice. Applied for the transit pass together.",
    )
    check_in.barriers.add(barriers["Transportation"])
    SupportAction.objects.create(
        check_in=check_in,
        apprentice=ed,
        description="Check the transit pass arrived; if not, call HR benefits",
        owner="Cody",
        follow_up_on=today - timedelta(days=1),
    )
    Referral.objects.create(
        apprentice=ed,
        service=Referral.Service.TRANSIT,
        referred_on=today - timedelta(days=9),
        note="Employer transit pass through HR benefits",
        by=cody,
    )
    TutoringSession.objects.create(
        apprentice=ed,
        on=today - timedelta(days=5),
        topic="Medication math",
        tutor="Ivy Ito",
        attended=True,
        by=cody,
    )
    confidential = CheckIn.objects.create(
        apprentice=clinical[1],
        author=cody,
        on=today - timedelta(days=4),
        how="in_person",
        notes="Shared a family health matter; agreed to check in weekly.",
        confidential=True,
    )
    confidential.barriers.add(barriers["Health"])
    for survey, weeks in zip(surveys[:2], (4, 12), strict=True):
        for apprentice in apprentices:
            if apprentice.person.user_id == users["ed"].pk and weeks == 4:
                continue  # Ed's week-4 survey is still waiting for him
            if (today - apprentice.employment_start).days // 7 < weeks or rng.random() < 0.2:
                continue
            response = SurveyResponse.objects.create(survey=survey, apprentice=apprentice)
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(
                    response=response,
                    question=question,
                    scale=rng.choice([3, 4, 4, 5, 5]) if question.kind == "scale" else None,
                    text=rng.choice(COMMENTS) if question.kind == "text" else "",
                )
                for question in survey.questions.all()
            )
