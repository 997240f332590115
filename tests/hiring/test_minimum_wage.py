"""The minimum wage floor (29 CFR 29.5(b)(5): never below the minimum wage of any applicable
federal or state law or local ordinance) and the offer at or above the schedule's hire rate,
with an exception program staff record with its reason."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hiring.services import offer_record
from programs.models import MinimumWage, WageRate
from programs.selectors import minimum_wage_on, schedules_below_floor
from programs.services import minimum_wage_add, minimum_wage_remove, wage_schedule_save
from reports.program import program_report
from tests.hiring.factories import released

Trigger = WageRate.Trigger


def _schedule(hire: str, exam: str = "20.00") -> list:
    return [(Trigger.HIRE, None, Decimal(hire)), (Trigger.EXAM, None, Decimal(exam))]


@pytest.fixture
def missouri(program, grace):
    today = timezone.localdate()
    return minimum_wage_add(
        program=program,
        jurisdiction="Missouri",
        hourly_rate=Decimal("15.00"),
        effective_on=today - timedelta(days=100),
        by=grace,
    )


@pytest.mark.django_db
def test_the_floor_is_the_highest_minimum_wage_in_effect(program, grace, missouri):
    today = timezone.localdate()
    assert minimum_wage_on(program.pk, today - timedelta(days=101)).hourly_rate == Decimal("7.25")
    assert minimum_wage_on(program.pk, today).jurisdiction == "Missouri"
    minimum_wage_add(
        program=program,
        jurisdiction="St. Louis City",
        hourly_rate=Decimal("16.00"),
        effective_on=today + timedelta(days=30),
        by=grace,
    )
    assert minimum_wage_on(program.pk, today).hourly_rate == Decimal("15.00")
    later = minimum_wage_on(program.pk, today + timedelta(days=30))
    assert (later.hourly_rate, later.jurisdiction) == (Decimal("16.00"), "St. Louis City")
    with pytest.raises(ValidationError, match="already has a minimum wage from that day"):
        minimum_wage_add(
            program=program,
            jurisdiction="missouri",
            hourly_rate=Decimal("15.50"),
            effective_on=missouri.effective_on,
            by=grace,
        )


@pytest.mark.django_db
def test_a_schedule_below_the_minimum_wage_is_refused_with_the_step_named(
    clinical_track, grace, missouri
):
    with pytest.raises(ValidationError, match=r"Hire pays \$14.99, below the minimum wage of \$15"):
        wage_schedule_save(track=clinical_track, rates=_schedule("14.99"), note="", by=grace)
    wage_schedule_save(track=clinical_track, rates=_schedule("15.00"), note="", by=grace)
    # A rise already announced counts: the schedule would fall below it on that day.
    minimum_wage_add(
        program=clinical_track.program,
        jurisdiction="Missouri",
        hourly_rate=Decimal("15.70"),
        effective_on=timezone.localdate() + timedelta(days=27),
        by=grace,
    )
    with pytest.raises(
        ValidationError, match=r"below the minimum wage of \$15.70 \(Missouri, from"
    ):
        wage_schedule_save(track=clinical_track, rates=_schedule("15.50"), note="", by=grace)
    below = schedules_below_floor(program_id=clinical_track.program_id, today=timezone.localdate())
    assert [(t, r.trigger, f.hourly_rate) for t, r, f in below] == [
        (clinical_track, Trigger.HIRE, Decimal("15.70"))
    ]


@pytest.mark.django_db
def test_a_minimum_wage_in_effect_stays_on_record(program, grace, missouri):
    with pytest.raises(ValidationError, match="already in effect stays"):
        minimum_wage_remove(row=missouri)
    announced = minimum_wage_add(
        program=program,
        jurisdiction="Missouri",
        hourly_rate=Decimal("16.00"),
        effective_on=timezone.localdate() + timedelta(days=1),
        by=grace,
    )
    minimum_wage_remove(row=announced)
    assert list(MinimumWage.objects.all()) == [missouri]


@pytest.fixture
def schedule_18_50(clinical_track, grace):
    return wage_schedule_save(track=clinical_track, rates=_schedule("18.50"), note="", by=grace)


@pytest.mark.django_db
def test_an_offer_below_the_schedule_is_an_exception_only_staff_record_with_a_reason(
    cardiology_requisition, bob, alice, missouri, schedule_18_50
):
    release = released(cardiology_requisition)
    offer = {
        "release": release,
        "made_on": timezone.localdate(),
        "position_title": "Patient Care Associate",
    }
    with pytest.raises(ValidationError, match=r"below the minimum wage of \$15.00 \(Missouri"):
        offer_record(
            **offer, hourly_rate=Decimal("14.00"), made_by=alice, below_schedule_reason="x"
        )
    with pytest.raises(ValidationError, match="only program staff can record an offer below it"):
        offer_record(**offer, hourly_rate=Decimal("18.00"), made_by=bob)
    with pytest.raises(ValidationError, match="say why this offer is below it"):
        offer_record(**offer, hourly_rate=Decimal("18.00"), made_by=alice)
    made = offer_record(
        **offer,
        hourly_rate=Decimal("18.00"),
        made_by=alice,
        below_schedule_reason="Internal transfer keeps the current rate",
    )
    assert (made.schedule_rate, made.below_schedule_reason) == (
        Decimal("18.50"),
        "Internal transfer keeps the current rate",
    )


@pytest.mark.django_db
def test_an_offer_at_the_schedule_keeps_no_exception(
    cardiology_requisition, bob, missouri, schedule_18_50
):
    made = offer_record(
        release=released(cardiology_requisition),
        made_on=timezone.localdate(),
        position_title="Patient Care Associate",
        hourly_rate=Decimal("19.00"),
        made_by=bob,
        below_schedule_reason="ignored: not below",
    )
    assert made.below_schedule_reason == ""


@pytest.mark.django_db
def test_the_exception_shows_on_the_offer_and_in_the_program_report(
    client, cardiology_requisition, alice, missouri, schedule_18_50, clinical_track
):
    from hiring.services import offer_answer, onboarding_complete, onboarding_item_done

    release = released(cardiology_requisition, person__first_name="Rosa")
    offer = offer_record(
        release=release,
        made_on=timezone.localdate() - timedelta(days=3),
        position_title="Patient Care Associate",
        hourly_rate=Decimal("17.75"),
        made_by=alice,
        below_schedule_reason="Internal transfer keeps the current rate",
    )
    client.force_login(alice)
    page = client.get(reverse("hiring:candidate", args=[release.pk])).content.decode()
    assert "Below the schedule's hire rate of $18.50" in page
    assert "Internal transfer keeps the current rate" in page
    offer_answer(offer=offer, accepted=True, answered_on=timezone.localdate(), reason="", by=alice)
    for item in release.onboarding.all():
        onboarding_item_done(item=item, by=alice)
    apprentice = onboarding_complete(release=release, by=alice)
    today = timezone.localdate()
    end = max(today, apprentice.employment_start)
    report = program_report(
        track=clinical_track, start=date(today.year - 1, 1, 1), end=end, today=today
    )
    flags = dict(report.flag_groups)["Hired below the wage schedule's hire rate"]
    assert [(f.who.split()[0], f.detail) for f in flags] == [
        ("Rosa", "$17.75 against $18.50: Internal transfer keeps the current rate")
    ]


@pytest.mark.django_db
def test_program_admins_record_a_minimum_wage_and_see_a_schedule_it_overtakes(
    client, grace, alice, program, schedule_18_50
):
    url = reverse("wages:minimum_wage_add")
    client.force_login(alice)  # program staff read, admins record
    assert client.post(url, {"jurisdiction": "Missouri"}).status_code == 403
    client.force_login(grace)
    day = timezone.localdate() + timedelta(days=40)
    response = client.post(
        url,
        {"jurisdiction": "Missouri", "hourly_rate": "abc", "effective_on": day.isoformat()},
        follow=True,
    )
    assert "Give the state or locality" in response.content.decode()
    assert not MinimumWage.objects.exists()
    response = client.post(
        url,
        {"jurisdiction": "Missouri", "hourly_rate": "19.00", "effective_on": day.isoformat()},
        follow=True,
    )
    page = response.content.decode()
    assert "Minimum wage recorded." in page
    assert "below Missouri's $19.00 from" in page
    row = MinimumWage.objects.get()
    response = client.post(reverse("wages:minimum_wage_remove", args=[row.pk]), follow=True)
    assert "Minimum wage removed." in response.content.decode()
    assert not MinimumWage.objects.exists()
    assert client.post(reverse("wages:minimum_wage_remove", args=[row.pk])).status_code == 404
