"""Demo clinic hours: work processes and competencies of both tracks, placements (Cardiology's
apprentices are Fay's), a year of weekly timesheets for the clinical cohorts (most approved,
some waiting for Fay, a few returned, a slower apprentice flagged and one extended), and the
administrative track's hours imported from a Kronos export, with one file still to check."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from apprenticeship.dates import week_start
from clinic import imports
from clinic.models import (
    Competency,
    CompetencySignoff,
    PayrollMapping,
    Placement,
    TermExtension,
    TimeEntry,
    Timesheet,
    WorkProcess,
)
from cohorts.models import Apprentice
from programs.models import Department, Track

WORK_PROCESSES = {
    "clinical": [
        (
            "Rooming and intake",
            480,
            [
                "Greets and identifies the patient",
                "Records chief complaint and history",
                "Prepares the exam room",
            ],
        ),
        (
            "Vital signs",
            420,
            [
                "Blood pressure, manual and automatic",
                "Pulse, respirations and temperature",
                "Height, weight and BMI",
            ],
        ),
        (
            "Injections and point-of-care tests",
            420,
            [
                "Intramuscular and subcutaneous injections",
                "Capillary blood glucose",
                "Urine dipstick and rapid strep",
            ],
        ),
        (
            "EHR documentation",
            432,
            [
                "Documents vitals and history in Epic",
                "Reconciles medications",
                "Routes messages to the care team",
            ],
        ),
        (
            "Infection control",
            280,
            [
                "Hand hygiene and PPE",
                "Cleans and disinfects equipment",
                "Handles sharps and biohazard waste",
            ],
        ),
    ],
    "administrative": [
        ("Scheduling", 480, ["Books and reschedules visits", "Manages the waitlist"]),
        (
            "Registration and insurance",
            480,
            ["Verifies eligibility", "Collects copays", "Scans insurance cards"],
        ),
        ("Billing and coding", 400, ["Assigns CPT and ICD-10 codes", "Works denied claims"]),
        ("EHR documentation", 372, ["Updates demographics in Epic", "Routes referrals"]),
        (
            "Front-desk communication",
            300,
            ["Answers the phone with the script", "Handles a difficult conversation"],
        ),
    ],
}


def seed(users: dict[str, User]) -> None:
    if WorkProcess.objects.exists():
        return
    rng = random.Random(52)  # noqa: S311 - demo data, not security  # nosec B311
    today = timezone.localdate()
    for track in Track.objects.all():
        for order, (title, hours, skills) in enumerate(WORK_PROCESSES[track.kind], start=1):
            process = WorkProcess.objects.create(
                track=track, order=order, title=title, planned_hours=Decimal(hours)
            )
            Competency.objects.bulk_create(
                Competency(work_process=process, order=n, title=skill)
                for n, skill in enumerate(skills, start=1)
            )
    apprentices = list(
        Apprentice.objects.filter(employment_start__lte=today)
        .select_related("person", "cohort__track")
        .order_by("pk")
    )
    _place(apprentices, users, rng)
    _preceptors_for_the_ratio(today)
    clinical = [a for a in apprentices if a.cohort.track.kind == "clinical"]
    _timesheets(clinical, users, rng, today)
    administrative = [a for a in apprentices if a.cohort.track.kind != "clinical"]
    # Both tracks sign competencies off (the administrative one is hybrid: they are its measure).
    _signoffs(apprentices, users, rng, today)
    _payroll(administrative, users, rng, today)


PRECEPTOR_NAMES = [
    "Nia Okafor",
    "Tom Brennan",
    "Rosa Delgado",
    "Sam Whitfield",
    "Priya Raman",
    "Luis Ortega",
    "Hannah Cole",
    "Marcus Lee",
]


def _preceptors_for_the_ratio(today: date) -> None:
    """Each department gets the preceptors (journeyworkers) its apprentices' standard needs
    (29 CFR 29.5(b)(7)), Pediatrics one short: the ratio flag has something to show."""
    from django.contrib.auth.models import Group

    from accounts.roles import Role
    from clinic.selectors import department_ratios

    group = Group.objects.get(name=Role.PRECEPTOR)
    names = iter(PRECEPTOR_NAMES * 12)
    made = 0
    for ratio in department_ratios():
        if ratio.per_preceptor is None or not ratio.apprentices:
            continue
        needed = -(-ratio.apprentices // ratio.per_preceptor)  # ceiling
        if ratio.department.name == "Pediatrics":
            needed = max(needed - 1, 0)
        for _n in range(max(0, needed - ratio.preceptors)):
            made += 1
            name = next(names)
            user, _created = User.objects.get_or_create(
                email=f"preceptor{made}@example.org", defaults={"full_name": name}
            )
            user.groups.add(group)
            ratio.department.preceptors.add(user)


def _place(apprentices: list[Apprentice], users: dict[str, User], rng: random.Random) -> None:
    cardiology = Department.objects.get(name="Cardiology")
    others = list(Department.objects.exclude(pk=cardiology.pk))
    placements = []
    for n, apprentice in enumerate(apprentices):
        apprentice.employee_id = f"E{20000 + apprentice.pk}"
        is_ed = apprentice.person.user_id == users["ed"].pk
        department = cardiology if is_ed or n % 3 == 0 else rng.choice(others)
        apprentice.department = department
        apprentice.preceptor = users["fay"] if department == cardiology else None
        placements.append(
            Placement(
                apprentice=apprentice,
                department=department,
                preceptor=apprentice.preceptor,
                starts_on=apprentice.employment_start,
            )
        )
    Apprentice.objects.bulk_update(apprentices, ["employee_id", "department", "preceptor"])
    Placement.objects.bulk_create(placements)


def _week_hours(rng: random.Random, planned: Decimal, slow: bool) -> list[Decimal]:
    """Five days of quarter hours around the week's plan: most weeks as planned, an early
    leave or an extra half hour here and there (a little over the plan on average, as in a
    clinic that runs late); a slow apprentice works three quarters of it."""
    target = planned * (Decimal("0.75") if slow else Decimal(1))
    days = []
    for _ in range(5):
        wobble = Decimal(rng.choice([-0.5, 0, 0, 0, 0, 0.25, 0.5]))
        days.append(max(Decimal(0), ((target / 5 + wobble) * 4).quantize(Decimal(1)) / 4))
    return days


def _timesheets(
    apprentices: list[Apprentice], users: dict[str, User], rng: random.Random, today: date
) -> None:
    this_monday = week_start(today)
    processes = {
        t: list(WorkProcess.objects.filter(track_id=t).order_by("order"))
        for t in {a.cohort.track_id for a in apprentices}
    }
    entries = []
    for n, apprentice in enumerate(apprentices):
        track = apprentice.cohort.track
        slow = n % 12 == 3  # a handful behind: the at-risk lists and flags mean something
        monday = week_start(apprentice.employment_start)
        week_no = 0
        while monday < this_monday:
            week_no += 1
            weeks_ago = (this_monday - monday).days // 7
            planned = Decimal(36) if week_no <= apprentice.standard.rti_weeks else Decimal(40)
            if weeks_ago <= 1 and rng.random() < 0.7:
                status = Timesheet.Status.SUBMITTED
            elif weeks_ago <= 3 and rng.random() < 0.08:
                status = Timesheet.Status.RETURNED
            else:
                status = Timesheet.Status.APPROVED
            leave = rng.random() < 0.005
            days = [Decimal(0)] * 5 if leave else _week_hours(rng, planned, slow)
            sheet = Timesheet.objects.create(
                apprentice=apprentice,
                week_start=monday,
                status=status,
                total_hours=sum(days),
                no_hours_reason="Sick leave" if leave else "",
                submitted_at=timezone.now() - timedelta(days=7 * weeks_ago - 1),
                decided_at=None if status == Timesheet.Status.SUBMITTED else timezone.now(),
                decided_by=None if status == Timesheet.Status.SUBMITTED else users["fay"],
                return_comment="Thursday shows 9 h but you left at 3 pm: please check."
                if status == Timesheet.Status.RETURNED
                else "",
            )
            for offset, hours in enumerate(days):
                if not hours:
                    continue
                # A day on one work process (a day's rotation): the hours by process still
                # spread over the track's list, with half the rows to write.
                entries.append(
                    TimeEntry(
                        timesheet=sheet,
                        apprentice=apprentice,
                        day=monday + timedelta(days=offset),
                        work_process=rng.choice(processes[track.pk]),
                        hours=hours,
                    )
                )
            monday += timedelta(weeks=1)
        if (
            this_monday.weekday() == 0
            and apprentice.person.user_id == users["ed"].pk
            and not Timesheet.objects.filter(apprentice=apprentice, week_start=this_monday).exists()
        ):
            Timesheet.objects.create(apprentice=apprentice, week_start=this_monday)
        if slow and week_no > 20:
            TermExtension.objects.create(
                apprentice=apprentice,
                new_end_date=apprentice.employment_start + timedelta(weeks=62),
                reason="Twelve weeks of family leave; hours short of 2,000 by the planned end.",
                by=users["alice"],
            )
    TimeEntry.objects.bulk_create(entries, batch_size=5000)


def _signoffs(
    apprentices: list[Apprentice], users: dict[str, User], rng: random.Random, today: date
) -> None:
    """Competencies signed off steadily through the year (observed, then independent three
    weeks later), the slow few behind: a hybrid standard's projection reads this pace."""
    signoffs = []
    by_track: dict[int, list[Competency]] = {}
    for n, apprentice in enumerate(apprentices):
        competencies = by_track.setdefault(
            apprentice.cohort.track_id,
            list(Competency.objects.filter(work_process__track_id=apprentice.cohort.track_id)),
        )
        rng.shuffle(order := list(competencies))
        spacing = apprentice.standard.term_weeks * 7 / (len(order) + 1)
        if n % 12 == 3:
            spacing *= 1.6
        for k, competency in enumerate(order):
            day = apprentice.employment_start + timedelta(
                days=int(spacing * (k + 1)) - 21 + rng.randint(-4, 4)
            )
            if day > today:
                break
            for level in (CompetencySignoff.Level.OBSERVED, CompetencySignoff.Level.INDEPENDENT):
                signoffs.append(
                    CompetencySignoff(
                        apprentice=apprentice,
                        competency=competency,
                        level=level,
                        signed_on=min(day, today),
                        by=users["fay"],
                    )
                )
                day += timedelta(days=21)
    CompetencySignoff.objects.bulk_create(signoffs, ignore_conflicts=True)


def _payroll(
    apprentices: list[Apprentice], users: dict[str, User], rng: random.Random, today: date
) -> None:
    """The administrative track clocks in Kronos: its hours arrive as weekly exports."""
    program = Track.objects.first().program
    mapping = PayrollMapping.objects.create(
        program=program,
        name="Kronos weekly export",
        employee_id_column="Employee ID",
        date_column="Work Date",
        hours_column="Hours",
        work_process_column="Activity",
        department_column="Home Department",
        row_key_column="Punch ID",
        date_format=PayrollMapping.DateFormat.US,
        lands_as=PayrollMapping.LandsAs.APPROVED,
        pay_code_column="Pay Code",
        pay_codes_counted="REG, OT",
        pay_codes_class="TRN",
        pay_codes_not_counted="PTO, HOL, SICK",
    )
    header = "Employee ID,Work Date,Hours,Activity,Home Department,Punch ID,Pay Code"
    unassigned = week_start(today) - timedelta(weeks=2) + timedelta(days=4)
    older, latest = [header], [header]
    this_monday = week_start(today)
    for apprentice in apprentices:
        processes = [p.title for p in apprentice.cohort.track.work_processes.all()]
        day = apprentice.employment_start
        while day < this_monday:
            if day.weekday() < 5:
                hours = (
                    Decimal(8)
                    if day >= apprentice.employment_start + timedelta(weeks=12)
                    else Decimal("7.25")
                )
                # One shift two weeks ago came without its activity: the week waits for
                # the preceptor to assign it (never guessed).
                activity = (
                    ""
                    if apprentice == apprentices[0] and day == unassigned
                    else rng.choice(processes)
                )
                row = ",".join(
                    [
                        apprentice.employee_id,
                        day.strftime("%m/%d/%Y"),
                        str(hours),
                        activity,
                        apprentice.department.name,
                        f"K{apprentice.pk}-{day:%Y%m%d}",
                        "REG",
                    ]
                )
                (latest if day >= this_monday - timedelta(weeks=1) else older).append(row)
            day += timedelta(days=1)
    batch = imports.import_upload(
        mapping=mapping,
        upload=SimpleUploadedFile("kronos.csv", ("\n".join(older) + "\n").encode()),
        by=users["alice"],
    )
    imports.import_confirm(batch=batch, by=users["alice"])
    # Last week's export is uploaded but not yet confirmed: two rows need fixing, paid time
    # off and paid class time are read and not counted, a shift in tenths is rounded.
    friday = this_monday - timedelta(days=3)
    first = apprentices[0]
    latest.append(f"E99999,{friday:%m/%d/%Y},8,Scheduling,Radiology,K-x1,REG")
    latest.append(f"{first.employee_id},13/45/2026,8,Scheduling,Radiology,K-x2,REG")
    latest.append(f"{first.employee_id},{friday:%m/%d/%Y},8,,Radiology,K-x3,PTO")
    latest.append(f"{first.employee_id},{friday:%m/%d/%Y},4,,Radiology,K-x4,TRN")
    if len(apprentices) > 1:
        second = apprentices[1]
        process = second.cohort.track.work_processes.order_by("order").first()
        latest.append(
            f"{second.employee_id},{friday - timedelta(days=1):%m/%d/%Y},1.9,"
            f"{process.title if process else ''},{second.department.name},K-x5,OT"
        )
    imports.import_upload(
        mapping=mapping,
        upload=SimpleUploadedFile("kronos.csv", ("\n".join(latest) + "\n").encode()),
        by=users["alice"],
    )
