"""Demo reports: Ed's progress report and this year's program report of the clinical track,
made as a worker would, so My reports is not empty for the program office or for Ed; and
everything the RAPIDS upload needs (addresses, education, prior wages, the program's RAPIDS
ids), with one apprentice to register whose ZIP code is missing, so a row is flagged."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from applicants.models import (
    Application,
    DisabilityAnswer,
    DisabilityInvitation,
    DisabilityStage,
    OutreachSource,
    Person,
    SelfIdentification,
)
from cohorts.models import Apprentice
from programs.models import Program, Track
from programs.selectors import hire_rate
from reports import services
from reports.models import AffirmativeActionReview, Report

STREETS = ["Forest Park Ave", "Euclid Ave", "Kingshighway Blvd", "Delmar Blvd", "Grand Blvd"]
CITIES = [("St. Louis", "63110"), ("Clayton", "63105"), ("University City", "63130")]


def _registration_details(rng: random.Random) -> None:
    """What RAPIDS needs, for every apprentice; the newest one to register lacks a ZIP code."""
    Program.objects.filter(rapids_employer_id="").update(
        rapids_employer_id="EMP-104233", rapids_rti_provider_id="RTI-5521"
    )
    for track in Track.objects.filter(rapids_wage_schedule_id=""):
        track.rapids_wage_schedule_id = f"WS-{track.rapids_occupation_code}"
        track.save(update_fields=["rapids_wage_schedule_id"])
    people = list(Person.objects.filter(apprenticeships__isnull=False, zip_code="").distinct())
    for person in people:
        city, zip_code = rng.choice(CITIES)
        person.street_address = f"{rng.randint(100, 9999)} {rng.choice(STREETS)}"
        person.city, person.state, person.zip_code = city, "MO", zip_code
    Person.objects.bulk_update(people, ["street_address", "city", "state", "zip_code"])
    Application.objects.filter(apprentice__isnull=False, education_level="").update(
        education_level=Application.EducationLevel.HIGH_SCHOOL
    )
    apprentices = list(Apprentice.objects.filter(prior_wage__isnull=True).select_related("cohort"))
    for apprentice in apprentices:
        apprentice.prior_wage = Decimal(rng.randint(1200, 1650)) / 100
        if apprentice.starting_hourly_rate is None:
            apprentice.starting_hourly_rate = hire_rate(apprentice.cohort.track_id)
    Apprentice.objects.bulk_update(apprentices, ["prior_wage", "starting_hourly_rate"])
    to_register = Apprentice.objects.filter(rapids_id="").select_related("person")
    for apprentice in to_register:
        person = apprentice.person
        if person.date_of_birth is None:
            person.date_of_birth = timezone.localdate().replace(year=1990, day=1)
        if not person.ssn:
            person.ssn = f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
        person.save(update_fields=["date_of_birth", "ssn"])
    flagged = to_register.order_by("-employment_start", "-pk").first()
    if flagged:
        Person.objects.filter(pk=flagged.person_id).update(zip_code="")


# St. Louis MSA, healthcare support occupations, and the sponsor's own eligible patient care
# technicians (illustrative figures for the demo): (labour market %, feeder pool %).
AVAILABILITY = {
    "female": (85, 88),
    "male": (15, 12),
    "black": (38, 44),
    "white": (52, 47),
    "hispanic": (4, 3),
    "asian": (3, 4),
}
OUTREACH = [
    ("community_event", "North County job fair", 75, "Adults in North St. Louis County"),
    ("partner", "Urban League of Metropolitan St. Louis", 120, "Career changers, 18-40"),
    ("school", "St. Louis Community College health sciences", 40, "Students near completion"),
    ("job_board", "Indeed and the health system's careers page", None, "Everyone"),
    ("partner", "Veterans career center", 20, "Veterans and military spouses"),
]


def _equal_opportunity(rng: random.Random, users: dict[str, User]) -> None:
    """A lived-in equal opportunity office: the pledge's officer and agency address, voluntary
    answers on most applications, outreach with the applicants it brought, disability answers
    and invitations, two-factor availability with goals, and last year's saved review."""
    if OutreachSource.objects.exists():
        return
    today = timezone.localdate()
    program = Program.objects.order_by("pk").first()
    if program is None:
        return
    Program.objects.filter(pk=program.pk, eeo_officer="").update(
        eeo_officer="Grace Okafor, Program Director, grace@example.org, (314) 555-0142",
        registration_agency_address=(
            "U.S. Department of Labor, Office of Apprenticeship, Missouri State Office\n"
            "1222 Spruce Street, Room 9.102E, St. Louis, MO 63103"
        ),
    )
    sources = [
        OutreachSource.objects.create(
            program=program,
            kind=kind,
            name=name,
            held_on=today - timedelta(days=days) if days else None,
            audience=audience,
            created_by=users["alice"],
        )
        for kind, name, days, audience in OUTREACH
    ]
    applications = list(Application.objects.filter(submitted_at__isnull=False).order_by("pk"))
    for application in applications:
        if rng.random() < 0.7:
            application.outreach_source = rng.choice(sources)
    Application.objects.bulk_update(applications, ["outreach_source"])
    races = ["black"] * 40 + ["white"] * 45 + ["asian"] * 5 + ["american_indian"] * 2
    answers = []
    for application in applications:
        if rng.random() < 0.15:
            continue  # some never answer: counted as not disclosed, never guessed
        answers.append(
            SelfIdentification(
                application=application,
                sex="male" if rng.random() < 0.12 else "female",
                ethnicity="hispanic" if rng.random() < 0.05 else "not_hispanic",
                races=[rng.choice(races)],
                veteran="yes" if rng.random() < 0.04 else "no",
            )
        )
    SelfIdentification.objects.bulk_create(answers, ignore_conflicts=True)
    # 29 CFR 30.11: the invitation after the offer, and most apprentices' answers to it.
    invitations, answers = [], []
    for apprentice in Apprentice.objects.current().select_related("person"):
        sent = timezone.make_aware(
            datetime.combine(apprentice.employment_start, datetime.min.time())
        ) - timedelta(days=14)
        ed = apprentice.person.user_id == users["ed"].pk  # Ed has not answered: he is asked
        invitations.append(
            DisabilityInvitation(
                person_id=apprentice.person_id,
                application_id=apprentice.application_id,
                stage=DisabilityStage.POST_OFFER,
                sent_at=sent,
                answered_at=None if ed else sent + timedelta(days=2),
            )
        )
        if not ed:
            answers.append(
                DisabilityAnswer(
                    person_id=apprentice.person_id,
                    application_id=apprentice.application_id,
                    stage=DisabilityStage.POST_OFFER,
                    answer=rng.choices(["yes", "no", "decline"], weights=[8, 80, 12])[0],
                    answered_at=sent + timedelta(days=2),
                )
            )
    DisabilityInvitation.objects.bulk_create(invitations)
    DisabilityAnswer.objects.bulk_create(answers)
    for track in Track.objects.filter(availability__isnull=True):
        services.availability_save(
            track=track,
            basis={
                "labour_market_source": (
                    "ACS 2019-2023 5-year, St. Louis MSA, healthcare support (demo)"
                ),
                "labour_market_weight": 60,
                "feeder_source": "The sponsor's eligible patient care technicians, HR (demo)",
            },
            figures={g: (Decimal(m), Decimal(f), None) for g, (m, f) in AVAILABILITY.items()},
            by=users["grace"],
        )
    review = services.affirmative_action_review_save(
        program=program,
        year=today.year - 1,
        notes="Men and Hispanic or Latino apprentices are under their availability in the "
        "clinical track; no adverse impact at any selection step.",
        action_plan="Two information sessions with the Veterans career center and one in "
        "Spanish with the Hispanic Chamber by June; review the typing test's cut score.",
        by=users["grace"],
    )
    AffirmativeActionReview.objects.filter(pk=review.pk).update(
        reviewed_at=timezone.make_aware(datetime(today.year - 1, 12, 15, 10))
    )


def seed(users: dict[str, User]) -> None:
    _equal_opportunity(random.Random(30), users)  # noqa: S311 - demo data  # nosec B311
    _registration_details(random.Random(14))  # noqa: S311 - demo data, not security  # nosec B311
    if Report.objects.exists():
        return
    today = timezone.localdate()
    ed = Apprentice.objects.filter(person__user=users["ed"]).first()
    made = []
    if ed:
        made.append(services.progress_report_request(apprentice=ed, by=users["alice"])[0])
        made.append(services.progress_report_request(apprentice=ed, by=users["ed"])[0])
    track = Track.objects.filter(kind=Track.Kind.CLINICAL).order_by("pk").first()
    if track:
        made.append(
            services.program_report_request(
                track=track, start=today.replace(month=1, day=1), end=today, by=users["alice"]
            )[0]
        )
    for report in {r.pk: r for r in made}.values():
        services.report_render(report_id=report.pk)
