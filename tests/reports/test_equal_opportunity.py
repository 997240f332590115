"""Equal-opportunity reports: the four-fifths test on a worked example, groups under five
suppressed, "not disclosed" never guessed, program admins only, each read audited."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from applicants.models import SelfIdentification, TestResult
from audit.models import PersonalDataAccess
from reports.equal_opportunity import four_fifths, race_ethnicity, sex_group
from reports.models import Availability
from tests.applicants.factories import SubmittedApplicationFactory


def test_the_four_fifths_test_on_a_worked_example():
    # The Uniform Guidelines' example: 48 of 80 white applicants hired (60%), 12 of 40 Black
    # applicants (30%): 30/60 = 50%, under four fifths.
    rows = {g.group: g for g in four_fifths({"White": (80, 48), "Black": (40, 12)})}
    assert rows["White"].rate == Fraction(3, 5) and rows["White"].impact == 1
    assert rows["Black"].impact == Fraction(1, 2) and rows["Black"].adverse
    assert not rows["White"].adverse
    # 50 of 80 against 24 of 40 (62.5% and 60%): 96%, no adverse impact.
    rows = {g.group: g for g in four_fifths({"A": (80, 50), "B": (40, 24)})}
    assert rows["B"].impact == Fraction(24, 25) and not rows["B"].adverse


def test_groups_under_five_and_not_disclosed_are_not_compared():
    rows = {g.group: g for g in four_fifths({"A": (10, 9), "B": (4, 0), "Not disclosed": (30, 1)})}
    assert rows["B"].suppressed and rows["B"].considered == 0 and rows["B"].impact is None
    assert rows["Not disclosed"].impact is None
    assert rows["A"].impact == 1


def test_groups_come_from_the_answers_only():
    assert race_ethnicity(None) == "Not disclosed"
    assert race_ethnicity(SelfIdentification(ethnicity="hispanic", races=["white"])) == (
        "Hispanic or Latino"
    )
    assert race_ethnicity(SelfIdentification(ethnicity="not_hispanic", races=["asian"])) == "Asian"
    assert race_ethnicity(SelfIdentification(races=["asian", "white"])) == "Two or more races"
    assert race_ethnicity(SelfIdentification(ethnicity="decline", races=[])) == "Not disclosed"
    assert sex_group(SelfIdentification(sex="decline")) == "Not disclosed"


@pytest.mark.django_db
def test_the_admin_sees_the_typing_step_flagged(client, grace, clinical_track):
    for i in range(10):
        application = SubmittedApplicationFactory(
            track=clinical_track, intake_month=date(2026, 3, 1)
        )
        female = i < 5
        SelfIdentification.objects.create(
            application=application, sex="female" if female else "male"
        )
        TestResult.objects.create(
            application=application,
            kind=TestResult.Kind.TYPING_WPM,
            value=25 if female and i < 3 else 45,
            tested_on=date(2026, 3, 5),
        )
    client.force_login(grace)
    params = {"track": clinical_track.pk, "start": "2026-01-01", "end": "2026-12-31"}
    page = client.get(reverse("reports:equal_opportunity"), params).content.decode()
    assert "Typing" in page and "adverse impact" in page
    assert "40%" in page  # female: 2 of 5 typed 30+ wpm; impact 40% of the men's 100%
    read = PersonalDataAccess.objects.get(purpose="equal-opportunity report")
    assert read.actor == grace and read.fields == ["self-identification (aggregate)"]
    csv = client.get(reverse("reports:equal_opportunity_csv"), params).content.decode()
    assert csv.startswith("step,by,group,considered,selected,rate,impact ratio,note")
    assert "Typing,sex,Female,5,2,40%,40%,adverse impact" in csv


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "fay", "ivy", "ed"])
def test_only_program_admins_open_it(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reports:equal_opportunity")).status_code == 404
    assert client.get(reverse("reports:equal_opportunity_csv")).status_code == 404


def _workforce_of(track, sexes: list[str], races: list[list[str]]):
    from tests.cohorts.factories import ApprenticeFactory, CohortFactory

    cohort = CohortFactory(track=track, start_date=date(2026, 9, 7))
    for sex, race in zip(sexes, races, strict=True):
        apprentice = ApprenticeFactory(cohort=cohort)
        SelfIdentification.objects.create(
            application=apprentice.application, sex=sex, races=race, ethnicity="not_hispanic"
        )
    ApprenticeFactory(cohort=cohort)  # did not answer: counted in the total only


def _figures(weight=50, **groups):
    """The availability form: each group as (labour market %, feeder pool %, goal %)."""
    data = {
        "labour_market_source": "ACS 2019-2023, St. Louis MSA",
        "feeder_source": "Eligible patient care technicians, HR",
        "labour_market_weight": str(weight),
    }
    for group, (market, feeder, goal) in groups.items():
        data.update({f"{group}_market": market, f"{group}_feeder": feeder, f"{group}_goal": goal})
    return data


@pytest.mark.django_db
def test_the_workforce_is_compared_with_two_factor_availability_and_goals(
    client, grace, clinical_track
):
    """29 CFR 30.5(c): availability is the weighted sum of the labour market area's share and
    the feeder pool's; 30.6(a): the goal is at least the availability."""
    # 12 women and 3 men; 9 white, 6 Black.
    _workforce_of(clinical_track, ["female"] * 12 + ["male"] * 3, [["white"]] * 9 + [["black"]] * 6)
    client.force_login(grace)
    url = reverse("reports:availability", args=[clinical_track.pk])
    over = client.post(url, _figures(female=("70", "70", ""), male=("40", "40", "")))
    assert "more than 100%" in over.content.decode()
    one_factor = client.post(url, _figures(weight=100, female=("70", "70", "")))
    assert "Both factors count" in one_factor.content.decode()
    half = client.post(url, _figures(female=("70", "", "")))
    assert "give both shares" in half.content.decode()
    low_goal = client.post(url, _figures(black=("50", "60", "50")))
    assert "at least the availability, 55.00%" in low_goal.content.decode()
    assert not Availability.objects.exists()
    response = client.post(
        url,
        _figures(
            weight=50,
            female=("70", "70", ""),
            male=("30", "30", ""),
            black=("50", "60", "56"),  # available (50 + 60) / 2 = 55%, goal 56%
            white=("40", "40", ""),
        ),
    )
    assert response.status_code == 302
    black_row = Availability.objects.get(track=clinical_track, group="black")
    assert (black_row.percent, black_row.goal_percent) == (Decimal("55.00"), Decimal("56.00"))
    assert Availability.objects.get(group="white").goal_percent == Decimal("40.00")
    page = client.get(response.url).content.decode()
    assert "16 current apprentices" in page and "1 did not say" in page
    rows = page.split("Apprentice workforce against availability</h2>")[1]
    # Black: 6 of 15 = 40% against 55% available: under 80% of it (44%), flagged.
    black = rows.split("Black or African American</td>")[1].split("</tr>")[0]
    assert "40.0%" in black and "55.00%" in black and "56.00%" in black
    assert "underutilized" in black
    white = rows.split("<td>White</td>")[1].split("</tr>")[0]
    assert "60.0%" in white and "underutilized" not in white
    # Men: 3 of 15 (29 CFR 30.5): the sex analysis is made; the men's cells say "fewer than
    # 5" and are flagged (20% against 30% available); the women's row is shown as it is.
    male = rows.split("<td>Male</td>")[1].split("</tr>")[0]
    assert "fewer than 5" in male and "3" not in male.split("</td>")[0]
    assert "underutilized" in male
    female = rows.split("<td>Female</td>")[1].split("</tr>")[0]
    assert "80.0%" in female and "fewer than 5" not in female
    assert "weighted sum" in page  # the method is stated


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "ivy", "ed", "dana"])
def test_only_program_admins_enter_availability(client, request, who, clinical_track):
    client.force_login(request.getfixturevalue(who))
    url = reverse("reports:availability", args=[clinical_track.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _figures(female=("50", "50", ""))).status_code == 404


@pytest.mark.django_db
def test_availability_of_a_missing_track_is_404(client, grace):
    client.force_login(grace)
    assert client.get(reverse("reports:availability", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_the_background_and_drug_screen_is_a_selection_step_and_accepting_is_not(
    clinical_track,
):
    """Every step the sponsor controls is tested, the screen included; whether a candidate
    accepts an offer is their own choice and is not tested."""
    from datetime import timedelta

    from applicants.models import Screening
    from reports.equal_opportunity import adverse_impact

    day = date(2026, 3, 5)
    for i in range(10):
        application = SubmittedApplicationFactory(
            track=clinical_track, intake_month=date(2026, 3, 1)
        )
        male = i >= 5
        SelfIdentification.objects.create(application=application, sex="male" if male else "female")
        for kind in Screening.Kind.values:
            cleared = not (male and i < 8 and kind == Screening.Kind.BACKGROUND)
            Screening.objects.create(
                application=application,
                kind=kind,
                status=Screening.Status.CLEARED if cleared else Screening.Status.NOT_CLEARED,
                on=day + timedelta(days=i),
            )
    steps = {
        t.step: t
        for t in adverse_impact(track=clinical_track, start=date(2026, 3, 1), end=date(2026, 3, 31))
    }
    assert "Offer (accepted)" not in steps and "Interview (to an offer made)" in steps
    assert "Eligibility screen" in steps
    screen = {g.group: g for g in steps["Background check and drug screen"].by_sex}
    # Men: 2 of 5 cleared (40%) against women's 5 of 5: 40%, under four fifths.
    assert (screen["Male"].considered, screen["Male"].selected) == (5, 2)
    assert screen["Male"].adverse and not screen["Female"].adverse
