"""The registered standard decides completion (29 CFR 29.5(b)(2)): time-based on hours,
competency-based on competencies, hybrid on both; a 4,000-hour standard needs 4,000 hours
everywhere; the projection of one apprentice is the same on every page. The gate is the real
one: the apprentice meets each rule with real rows (tests/progress.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clinic.models import Competency, Timesheet, WorkProcess
from clinic.selectors import apprentice_progress, apprentices_with_pace, progress_of
from cohorts.models import Apprentice
from programs.models import Standard
from reports.progress import progress_report
from tests.factories import StandardFactory
from tests.progress import (
    attend_every_class,
    give_ojl_hours,
    pass_the_exam,
    sign_off_every_competency,
)
from wages.lifecycle import apprentice_move, completion_missing

Status = Apprentice.Status


@pytest.fixture
def processes(clinical_track):
    made = []
    for order, title in enumerate(["Rooming", "Vital signs"], start=1):
        process = WorkProcess.objects.create(
            track=clinical_track, order=order, title=title, planned_hours=1000
        )
        Competency.objects.create(work_process=process, order=1, title=f"{title}: basics")
        made.append(process)
    return made


def _hold_to(apprentice: Apprentice, **fields) -> Standard:
    standard = StandardFactory(track=apprentice.cohort.track, **fields)
    standard.full_clean()
    Apprentice.objects.filter(pk=apprentice.pk).update(standard=standard, status=Status.ACTIVE)
    apprentice.refresh_from_db()
    return standard


def _complete(apprentice: Apprentice, by) -> None:
    apprentice_move(
        apprentice=apprentice, to_status=Status.COMPLETED, effective_on=timezone.localdate(), by=by
    )


@pytest.mark.django_db
def test_time_based_completes_at_its_hours_and_not_a_quarter_hour_before(
    ed_apprentice, alice, processes
):
    """29 CFR 29.5(b)(2)(i): time-based, 2,000 hours, with the classroom hours, every
    competency signed off independent and the exam, as version 1 of the track says."""
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.ACTIVE)
    today = timezone.localdate()
    assert completion_missing(apprentice=ed_apprentice, today=today) == [
        "classroom hours 0 of 48",
        "on-the-job hours 0 of 2000",
        "competencies signed off (independent) 0 of 2",
        "the certification exam passed",
    ]
    attend_every_class(ed_apprentice)
    sign_off_every_competency(ed_apprentice)
    pass_the_exam(ed_apprentice)
    give_ojl_hours(ed_apprentice, Decimal("1999.75"))
    with pytest.raises(ValidationError, match=r"on-the-job hours 1999.75 of 2000"):
        _complete(ed_apprentice, alice)
    give_ojl_hours(ed_apprentice, Decimal("0.25"))
    _complete(ed_apprentice, alice)
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.status == Status.COMPLETED


@pytest.mark.django_db
def test_competency_based_completes_on_competencies_without_hours(ed_apprentice, alice, processes):
    """29 CFR 29.5(b)(2)(ii): competencies at the standard's level are the measure; hours
    are not, and this standard asks neither the classroom hours nor the exam."""
    _hold_to(
        ed_apprentice,
        approach=Standard.Approach.COMPETENCY,
        competency_level=Standard.Level.ASSISTED,
        completes_on_ojl_hours=False,
        completes_on_rti_hours=False,
        completes_on_exam=False,
    )
    today = timezone.localdate()
    assert completion_missing(apprentice=ed_apprentice, today=today) == [
        "competencies signed off (assisted or better) 0 of 2"
    ]
    sign_off_every_competency(ed_apprentice, level="observed")  # below the level: not enough
    with pytest.raises(ValidationError, match=r"assisted or better\) 0 of 2"):
        _complete(ed_apprentice, alice)
    sign_off_every_competency(ed_apprentice, level="assisted")
    assert completion_missing(apprentice=ed_apprentice, today=today) == []
    _complete(ed_apprentice, alice)
    assert Apprentice.objects.get(pk=ed_apprentice.pk).status == Status.COMPLETED


@pytest.mark.django_db
def test_hybrid_needs_the_minimum_hours_and_the_competencies(ed_apprentice, alice, processes):
    """29 CFR 29.5(b)(2)(iii): a range of hours (its minimum) and competencies."""
    _hold_to(
        ed_apprentice,
        approach=Standard.Approach.HYBRID,
        ojl_hours=1800,
        ojl_hours_max=2200,
        completes_on_rti_hours=False,
        completes_on_exam=False,
    )
    today = timezone.localdate()
    sign_off_every_competency(ed_apprentice)
    assert completion_missing(apprentice=ed_apprentice, today=today) == [
        "on-the-job hours 0 of 1800"
    ]
    give_ojl_hours(ed_apprentice, 1800)
    _complete(ed_apprentice, alice)
    assert Apprentice.objects.get(pk=ed_apprentice.pk).status == Status.COMPLETED


@pytest.mark.django_db
def test_a_4000_hour_standard_needs_4000_hours_everywhere(client, alice, ed_apprentice, processes):
    _hold_to(ed_apprentice, ojl_hours=4000)
    attend_every_class(ed_apprentice)
    sign_off_every_competency(ed_apprentice)
    pass_the_exam(ed_apprentice)
    give_ojl_hours(ed_apprentice, 2000)
    today = timezone.localdate()
    # The gate.
    assert completion_missing(apprentice=ed_apprentice, today=today) == [
        "on-the-job hours 2000 of 4000"
    ]
    # The apprentice's page, the roster and the progress report.
    progress = apprentice_progress(apprentice=ed_apprentice, today=today)
    assert progress.required == 4000 and progress.percent == 50
    client.force_login(alice)
    page = client.get(reverse("clinic:apprentice", args=[ed_apprentice.pk])).content.decode()
    assert "approved of the 4000 required" in page
    roster = client.get(reverse("clinic:cohort", args=[ed_apprentice.cohort_id])).content.decode()
    assert "2000 / 4000" in roster
    assert progress_report(apprentice=ed_apprentice, today=today)["progress"].required == 4000
    # Prior credit is capped by the standard's hours, not 2,000.
    from wages.steps import prior_experience_credit

    ed_apprentice.status = Status.PROBATION
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PROBATION)
    credit = prior_experience_credit(
        apprentice=ed_apprentice,
        hours=2500,
        work_process=processes[0],
        evidence="Three years as a CNA",
        by=alice,
    )
    assert credit.hours == 2500


@pytest.mark.django_db
def test_the_projection_is_the_same_on_the_page_and_the_roster_credit_left_out_of_pace(
    client, alice, ed_apprentice, processes
):
    """Prior credit counts toward the hours, never toward the pace (it was worked elsewhere)."""
    today = timezone.localdate()
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        employment_start=ed_apprentice.employment_start - timedelta(weeks=10)
    )
    ed_apprentice.refresh_from_db()
    monday = ed_apprentice.employment_start - timedelta(
        days=ed_apprentice.employment_start.weekday()
    )
    while monday + timedelta(days=7) <= today - timedelta(days=today.weekday()):
        Timesheet.objects.create(
            apprentice=ed_apprentice,
            week_start=monday,
            status=Timesheet.Status.APPROVED,
            total_hours=Decimal(30),
        )
        monday += timedelta(weeks=1)
    from wages.steps import prior_experience_credit

    prior_experience_credit(
        apprentice=ed_apprentice,
        hours=400,
        work_process=processes[0],
        evidence="Two years as a medical scribe",
        by=alice,
    )
    page = apprentice_progress(apprentice=ed_apprentice, today=today)
    roster = {
        a.pk: a.ojl
        for a in apprentices_with_pace(
            Apprentice.objects.filter(pk=ed_apprentice.pk).select_related("person"), today
        )
    }[ed_apprentice.pk]
    assert page.pace == roster.pace == Decimal("30.00")
    assert page.credit == 400
    assert page.projected_completion == roster.projected_completion is not None
    assert page.short == roster.short
    assert progress_of([ed_apprentice], today)[ed_apprentice.pk].projected_completion == (
        page.projected_completion
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"ojl_hours": 1999}, "ojl_hours", "at least 2000 on-the-job hours"),
        ({"probation_days": 92}, "probation_days", "at most 91 days"),
        (
            {"probation_days": None, "probation_ojl_hours": 501},
            "probation_ojl_hours",
            "at most 500 on-the-job hours",
        ),
        ({"probation_days": None}, "probation_days", "in days or in on-the-job hours"),
        (
            {"approach": "competency", "competency_level": ""},
            "competency_level",
            "complete on competencies",
        ),
        (
            {"approach": "hybrid", "ojl_hours": 1800, "ojl_hours_max": 1700},
            "ojl_hours_max",
            "range of hours",
        ),
        ({"rti_weeks": 60}, "rti_weeks", "cannot exceed the term"),
    ],
)
def test_a_standard_that_breaks_29_cfr_29_5_is_refused(clinical_track, fields, field, message):
    """29 CFR 29.5(b)(2) (2,000 hours for time-based, a range for hybrid) and 29.5(b)(8)
    (probation at most 25% of the term, in days or hours)."""
    standard = Standard(track=clinical_track, version=9, **fields)
    with pytest.raises(ValidationError) as raised:
        standard.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


@pytest.mark.django_db
def test_probation_in_hours_ends_when_the_hours_are_worked(ed_apprentice, alice, processes):
    """29 CFR 29.5(b)(8) in hours: the nightly sweep ends probation the day it sees them
    worked here; credit for experience elsewhere does not count."""
    from wages.lifecycle import probation_end_sweep
    from wages.steps import prior_experience_credit

    _hold_to(ed_apprentice, probation_days=None, probation_ojl_hours=500)
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status=Status.PROBATION,
        probation_end=ed_apprentice.standard.probation_end_from(ed_apprentice.employment_start),
    )
    ed_apprentice.refresh_from_db()
    today = timezone.localdate()
    prior_experience_credit(
        apprentice=ed_apprentice, hours=600, work_process=processes[0], evidence="CNA", by=alice
    )
    assert probation_end_sweep(today=today) == 0
    give_ojl_hours(ed_apprentice, 500)
    assert probation_end_sweep(today=today) == 1
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.status == Status.ACTIVE
    assert ed_apprentice.probation_end == today - timedelta(days=1)
    assert probation_end_sweep(today=today) == 0


@pytest.mark.django_db
def test_interim_credentials_are_earned_at_their_milestones_and_shown(
    client, alice, ed, ed_apprentice, processes
):
    """29 CFR 29.5(b)(16): a hybrid standard's credentials, earned when the work process's
    competencies are signed off and when the exam is passed; recorded once, shown to the
    apprentice and listed in the progress report."""
    from clinic.services import competency_sign_off
    from programs.models import InterimCredential
    from wages.models import CredentialAward

    standard = _hold_to(
        ed_apprentice, approach=Standard.Approach.HYBRID, ojl_hours=1800, ojl_hours_max=2200
    )
    rooming = InterimCredential.objects.create(
        standard=standard,
        name="Rooming specialist",
        earned_by=InterimCredential.EarnedBy.WORK_PROCESS,
        work_process_title="Rooming",
    )
    InterimCredential.objects.create(
        standard=standard, name="CCMA", earned_by=InterimCredential.EarnedBy.EXAM
    )
    today = timezone.localdate()
    competency = processes[0].competencies.get()
    competency_sign_off(
        apprentice=ed_apprentice,
        competency=competency,
        level="observed",
        signed_on=today,
        comment="",
        by=alice,
    )
    assert not CredentialAward.objects.exists()  # below the standard's level
    competency_sign_off(
        apprentice=ed_apprentice,
        competency=competency,
        level="independent",
        signed_on=today,
        comment="",
        by=alice,
    )
    award = CredentialAward.objects.get()
    assert (award.credential, award.earned_on) == (rooming, today)
    client.force_login(ed)
    page = client.get(reverse("wages:my_exam")).content.decode()
    assert "Rooming specialist" in page and "CCMA" in page and "to earn" in page
    report = progress_report(apprentice=ed_apprentice, today=today)
    assert [(c.name, a is not None) for c, a in report["credentials"]] == [
        ("Rooming specialist", True),
        ("CCMA", False),
    ]


@pytest.mark.django_db
def test_staff_hold_an_apprentice_to_another_approved_version_with_a_reason(
    client, alice, ed_apprentice
):
    from cohorts.models import ApprenticeEvent

    draft = StandardFactory(
        track=ed_apprentice.cohort.track, state="draft", approved_on=None, effective_on=None
    )
    v3 = StandardFactory(track=ed_apprentice.cohort.track, ojl_hours=2080)
    client.force_login(alice)
    url = reverse("wages:standard_move", args=[ed_apprentice.pk])
    page = client.get(reverse("wages:apprentice", args=[ed_apprentice.pk])).content.decode()
    assert "Held to version 1" in page
    for bad in ({"standard": draft.pk, "reason": "x"}, {"standard": v3.pk, "reason": ""}):
        client.post(url, bad)
        ed_apprentice.refresh_from_db()
        assert ed_apprentice.standard.version == 1
    client.post(url, {"standard": v3.pk, "reason": "Moved to the 2,080-hour standard"})
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.standard == v3
    event = ApprenticeEvent.objects.filter(apprentice=ed_apprentice).latest("pk")
    assert "Held to standard version 3 instead of 1" in event.reason
    today = timezone.localdate()
    assert completion_missing(apprentice=ed_apprentice, today=today)[1] == (
        "on-the-job hours 0 of 2080"
    )


@pytest.mark.django_db
def test_a_raise_at_the_first_interim_credential_is_earned_once_in_any_order(
    alice, grace, ed_apprentice, processes
):
    """A schedule step at the first interim credential (a competency milestone): pending when
    the first credential is earned, made once whatever else is earned, and the schedule's
    order is free (the credential before or after an hours step) as long as pay never falls."""
    from decimal import Decimal

    from clinic.services import competency_sign_off
    from programs.models import InterimCredential, WageRate
    from programs.services import wage_schedule_save
    from wages.models import WageStep

    Trigger = WageRate.Trigger
    wage_schedule_save(
        track=ed_apprentice.cohort.track,
        rates=[
            (Trigger.HIRE, None, Decimal("17.00")),
            (Trigger.CREDENTIAL, None, Decimal("17.40")),
            (Trigger.HOURS, 300, Decimal("17.25")),
            (Trigger.COMPLETION, None, Decimal("19.00")),
        ],
        note="",
        by=grace,
    )
    with pytest.raises(ValidationError, match="first interim credential earned pays"):
        wage_schedule_save(
            track=ed_apprentice.cohort.track,
            rates=[
                (Trigger.HIRE, None, Decimal("17.00")),
                (Trigger.CREDENTIAL, None, Decimal("16.90")),
            ],
            note="",
            by=grace,
        )
    standard = _hold_to(
        ed_apprentice, approach=Standard.Approach.HYBRID, ojl_hours=1800, ojl_hours_max=2200
    )
    for process in processes:
        InterimCredential.objects.create(
            standard=standard,
            name=f"{process.title} specialist",
            earned_by=InterimCredential.EarnedBy.WORK_PROCESS,
            work_process_title=process.title,
        )
    today = timezone.localdate()
    for process in processes:
        competency_sign_off(
            apprentice=ed_apprentice,
            competency=process.competencies.get(),
            level="independent",
            signed_on=today,
            comment="",
            by=alice,
        )
    step = WageStep.objects.get(apprentice=ed_apprentice, trigger=Trigger.CREDENTIAL)
    assert (step.key, step.status, step.triggered_on) == ("credential", "pending", today)
