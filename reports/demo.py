"""Demo reports: Ed's progress report and this year's program report of the clinical track,
made as a worker would, so My reports is not empty for the program office or for Ed; and
everything the RAPIDS upload needs (addresses, education, prior wages, the program's RAPIDS
ids), with one apprentice to register whose ZIP code is missing, so a row is flagged."""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from applicants.models import Application, Person
from cohorts.models import Apprentice
from programs.models import Program, Track
from programs.selectors import hire_rate
from reports import services
from reports.models import Report

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


# St. Louis MSA, healthcare support occupations (illustrative figures for the demo).
AVAILABILITY = {"female": 85, "male": 15, "black": 38, "white": 52, "hispanic": 4, "asian": 3}


def seed(users: dict[str, User]) -> None:
    for track in Track.objects.filter(availability__isnull=True):
        services.availability_save(
            track=track,
            figures=AVAILABILITY,
            source="ACS 2019-2023 5-year, St. Louis MSA, healthcare support (demo)",
            by=users["grace"],
        )
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
