"""The wages pages: who sees whose wages (a hiring manager of another department gets 404 on
every wages URL), approving raises with a confirmation, the schedule editor, prior
experience, the apprentice's own pay, and query budgets at 1 and 50 rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from cohorts.models import Apprentice, ApprenticeEvent
from programs.models import WageRate
from tests.cohorts.factories import ApprenticeFactory
from wages.models import ExamAttempt, WageStep
from wages.steps import wage_step_approve, wage_step_trigger

Trigger = WageRate.Trigger


@pytest.fixture
def ed_in_cardiology(ed_apprentice, cardiology):
    ed_apprentice.department = cardiology
    ed_apprentice.starting_hourly_rate = Decimal("18.50")
    ed_apprentice.save(update_fields=["department", "starting_hourly_rate"])
    return ed_apprentice


def _wages_urls_with_ids(apprentice, attempt, event):
    ids = {"apprentice_id": apprentice.pk, "attempt_id": attempt.pk, "event_id": event.pk}
    resolver = get_resolver().url_patterns
    (wages,) = [p for p in resolver if getattr(p, "namespace", None) == "wages"]
    for pattern in wages.url_patterns:
        assert isinstance(pattern, URLPattern)
        names = set(pattern.pattern.regex.groupindex)
        if names & set(ids):
            yield reverse(f"wages:{pattern.name}", kwargs={n: ids[n] for n in names})


@pytest.mark.django_db
def test_a_hiring_manager_of_another_department_gets_404_on_every_wages_url(
    client, carol, pediatrics, ed_in_cardiology, exam, schedule
):
    attempt = ExamAttempt.objects.create(
        apprentice=ed_in_cardiology, exam=exam, scheduled_on=timezone.localdate()
    )
    event = ApprenticeEvent.objects.create(
        apprentice=ed_in_cardiology, to_status="probation", effective_on=timezone.localdate()
    )
    client.force_login(carol)
    urls = list(_wages_urls_with_ids(ed_in_cardiology, attempt, event))
    assert len(urls) >= 13
    for url in urls:
        # A POST-only action answers a GET with 405 whoever asks: nothing is revealed.
        statuses = {client.get(url).status_code, client.post(url, {}).status_code}
        assert 404 in statuses and statuses <= {404, 405}, url
    assert "Evans" not in client.get(reverse("wages:team")).content.decode()


@pytest.mark.django_db
def test_the_hiring_manager_sees_their_apprentices_wages_and_next_step(
    client, bob, ed_in_cardiology, schedule, grace
):
    step = wage_step_trigger(
        apprentice=ed_in_cardiology, trigger=Trigger.EXAM, on=date(2026, 1, 10)
    )
    wage_step_approve(step=step, by=grace)
    client.force_login(bob)
    page = client.get(reverse("wages:apprentice_wages", args=[ed_in_cardiology.pk]))
    text = page.content.decode()
    assert page.context["history"].current_rate == Decimal("20.00")
    assert "$20.50" in text and "1000 hours" in text  # the next step
    team = client.get(reverse("wages:team")).content.decode()
    assert "Wages of Ed Evans" in team and "$20.00" in team
    # Only staff change things on the apprentice.
    assert client.get(reverse("wages:apprentice", args=[ed_in_cardiology.pk])).status_code == 403
    assert client.post(reverse("wages:prior_credit", args=[ed_in_cardiology.pk])).status_code == 403


@pytest.mark.django_db
def test_staff_approve_raises_after_confirming_the_list(
    client, alice, cohort, ed_in_cardiology, schedule
):
    other = ApprenticeFactory(cohort=cohort)
    mine = wage_step_trigger(apprentice=ed_in_cardiology, trigger=Trigger.EXAM, on=date.today())
    theirs = wage_step_trigger(apprentice=other, trigger=Trigger.EXAM, on=date.today())
    client.force_login(alice)
    queue = client.get(reverse("wages:approvals")).content.decode()
    assert "Ed Evans" in queue and "$20.00" in queue
    confirm = client.post(reverse("wages:approvals"), {"selected": [mine.pk]})
    assert "Approve these raises?" in confirm.content.decode()
    assert WageStep.objects.get(pk=mine.pk).status == "pending"
    done = client.post(
        reverse("wages:approvals"), {"selected": [mine.pk], "confirm": "yes"}, follow=True
    )
    assert "1 raise approved." in done.content.decode()
    assert WageStep.objects.get(pk=mine.pk).hourly_rate == Decimal("20.00")
    assert WageStep.objects.get(pk=theirs.pk).status == "pending"


@pytest.mark.django_db
@pytest.mark.parametrize("selected", [[], ["abc"], ["999999"], ["1 OR 1=1"]])
def test_approving_nothing_or_garbage_approves_nothing(
    client, alice, ed_in_cardiology, schedule, selected
):
    wage_step_trigger(apprentice=ed_in_cardiology, trigger=Trigger.EXAM, on=date.today())
    client.force_login(alice)
    response = client.post(
        reverse("wages:approvals"), {"selected": selected, "confirm": "yes"}, follow=True
    )
    assert "Choose the raises to approve." in response.content.decode()
    assert not WageStep.objects.filter(status="approved").exists()


@pytest.mark.django_db
def test_the_admin_saves_a_new_schedule_version(client, grace, clinical_track, schedule):
    client.force_login(grace)
    url = reverse("wages:schedule_new", args=[clinical_track.pk])
    assert client.get(url).context["form"].initial["hire"] == Decimal("18.50")
    response = client.post(
        url,
        {"hire": "19.00", "exam": "20.50", "hours_1": "1000", "rate_1": "21", "note": "2027"},
    )
    assert response.status_code == 302
    versions = list(clinical_track.wage_schedules.order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert {r.key: r.hourly_rate for r in versions[1].rates.all()} == {
        "hire": Decimal("19.00"),
        "exam": Decimal("20.50"),
        "hours-1000": Decimal("21.00"),
    }
    page = client.get(reverse("wages:schedules")).content.decode()
    assert "Version 2" in page and "Earlier versions" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hire": "19", "hours_1": "1000", "note": "x"}, "Give both the hours and the rate"),
        ({"hire": "3", "note": "x"}, "greater than or equal to 7.25"),
        ({"hire": "20", "exam": "19", "note": "x"}, "cannot pay less"),
        ({"hire": "19", "note": ""}, "This field is required"),
        ({"hire": "abc", "note": "x"}, "Enter a number"),
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_saved(
    client, grace, clinical_track, schedule, data, message
):
    client.force_login(grace)
    response = client.post(reverse("wages:schedule_new", args=[clinical_track.pk]), data)
    assert message in response.content.decode()
    assert clinical_track.wage_schedules.count() == 1


@pytest.mark.django_db
def test_staff_credit_prior_experience_from_the_wages_page(
    client, alice, ed_in_cardiology, schedule, work_process
):
    client.force_login(alice)
    url = reverse("wages:prior_credit", args=[ed_in_cardiology.pk])
    client.post(url, {"hours": "abc", "work_process": work_process.pk, "evidence": "CNA"})
    assert not ed_in_cardiology.prior_credits.exists()
    response = client.post(
        url,
        {
            "source": "experience",
            "hours": "1040",
            "work_process": work_process.pk,
            "evidence": "Two years as a CNA",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Credit granted." in text
    assert "1040 hours credited" in text
    assert WageStep.objects.get(apprentice=ed_in_cardiology).key == "hours-1000"


@pytest.mark.django_db
def test_the_apprentice_sees_the_new_rate_once_paid(client, ed, ed_in_cardiology, schedule, grace):
    step = wage_step_trigger(apprentice=ed_in_cardiology, trigger=Trigger.EXAM, on=date.today())
    client.force_login(ed)
    page = client.get(reverse("wages:my_wages")).content.decode()
    assert "$18.50" in page and "Waiting for approval" in page
    wage_step_approve(step=step, by=grace)
    WageStep.objects.filter(pk=step.pk).update(effective_on=timezone.localdate())
    page = client.get(reverse("wages:my_wages")).content.decode()
    assert "$20.00" in page and "Waiting for approval" not in page


@pytest.mark.django_db
def test_the_apprentice_cannot_open_another_apprentices_wages(client, ed, cohort, ed_in_cardiology):
    other = ApprenticeFactory(cohort=cohort)
    client.force_login(ed)
    assert client.get(reverse("wages:apprentice_wages", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("wages:apprentice_wages", args=[ed_in_cardiology.pk])).status_code == 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["", "2026-13-01", "x" * 200, "2026-11-30"])
def test_the_payroll_pages_take_any_period(client, alice, cohort, schedule, period):
    client.force_login(alice)
    assert client.get(reverse("wages:payroll"), {"period": period}).status_code == 200
    assert client.get(reverse("wages:payroll_file"), {"period": period}).status_code == 200


def _apprentices_with_steps(cohort, department, n, grace):
    for _ in range(n):
        apprentice = ApprenticeFactory(
            cohort=cohort, department=department, starting_hourly_rate=Decimal("18.50")
        )
        wage_step_trigger(apprentice=apprentice, trigger=Trigger.EXAM, on=date.today())
        step = wage_step_trigger(
            apprentice=apprentice, trigger=Trigger.COMPLETION, on=date.today() - timedelta(days=40)
        )
        wage_step_approve(step=step, by=grace)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("name", "who", "budget"),
    [
        ("wages:approvals", "alice", 12),
        ("wages:team", "bob", 14),
        ("wages:team", "alice", 14),
        ("wages:payroll", "alice", 12),
    ],
)
def test_list_pages_stay_within_their_query_budget(
    client,
    request,
    cohort,
    cardiology,
    schedule,
    grace,
    rows,
    name,
    who,
    budget,
    django_assert_max_num_queries,
):
    _apprentices_with_steps(cohort, cardiology, rows, grace)
    client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(name), {"period": date.today().isoformat()})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_completed_apprentices_status_no_longer_lists_for_wages(client, bob, ed_in_cardiology):
    Apprentice.objects.filter(pk=ed_in_cardiology.pk).update(status="cancelled")
    client.force_login(bob)
    assert "Ed Evans" not in client.get(reverse("wages:team")).content.decode()
