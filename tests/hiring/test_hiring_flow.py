from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application
from cohorts.models import Apprentice
from hiring.models import Offer, Release, Requisition
from tests.hiring.factories import ReleaseFactory, ready_for_hire

# Offers made and answered ten and nine days before the suite's today (tests/clock.py).
OFFER = {
    "made_on": (timezone.localdate() - timedelta(days=10)).isoformat(),
    "position_title": "Patient Care Associate",
    "hourly_rate": "18.50",
}
ANSWERED = (timezone.localdate() - timedelta(days=9)).isoformat()


def post(client, name, release, data=None, **kwargs):
    return client.post(
        reverse(f"hiring:{name}", kwargs={"release_id": release.pk, **kwargs}), data or {}
    )


def accept(client, release):
    return post(client, "answer", release, {"answer": "accept", "answered_on": ANSWERED})


@pytest.mark.django_db
def test_manager_offers_candidate_accepts_staff_enrol(
    client, bob, alice, rosa_release, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "offer", rosa_release, OFFER)
        accept(client, rosa_release)
    rosa_release.refresh_from_db()
    assert rosa_release.status == "accepted"
    assert Application.objects.get().step == "onboarding"
    assert Requisition.objects.get().status == Requisition.Status.FILLED
    assert any("$18.50" in m.body for m in mailoutbox)
    for item in rosa_release.onboarding.all():
        post(client, "onboarding_done", rosa_release, item_id=item.pk)
    client.force_login(alice)
    response = post(client, "enrol", rosa_release)
    apprentice = Apprentice.objects.get()
    assert response.url == reverse("classroom:cohort_detail", args=[apprentice.cohort_id])
    assert apprentice.department == rosa_release.requisition.department
    assert str(apprentice.starting_hourly_rate) == "18.50"
    assert Application.objects.get().step == "enrolled"


@pytest.mark.django_db
def test_an_offer_to_a_candidate_not_cleared_is_refused(
    client, bob, cardiology_requisition, clinical_track
):
    release = ReleaseFactory(
        requisition=cardiology_requisition,
        application=ready_for_hire(clinical_track, cleared=False),
    )
    client.force_login(bob)
    response = client.post(reverse("hiring:offer", args=[release.pk]), OFFER, follow=True)
    assert "must be cleared first" in response.content.decode()
    assert not Offer.objects.exists()


@pytest.mark.django_db
def test_a_decline_returns_the_candidate_to_the_pool(client, bob, rosa_release):
    client.force_login(bob)
    post(client, "offer", rosa_release, OFFER)
    response = client.post(
        reverse("hiring:answer", args=[rosa_release.pk]),
        {"answer": "decline", "answered_on": ANSWERED, "reason": ""},
        follow=True,
    )
    assert "why the candidate declined" in response.content.decode()
    post(
        client,
        "answer",
        rosa_release,
        {"answer": "decline", "answered_on": ANSWERED, "reason": "Took another job"},
    )
    application = Application.objects.get()
    assert application.step == "ready_for_hire"
    assert "Took another job" in application.events.last().reason


@pytest.mark.django_db
def test_enrolment_is_all_or_nothing(client, alice, bob, rosa_release):
    client.force_login(bob)
    post(client, "offer", rosa_release, OFFER)
    accept(client, rosa_release)
    for item in rosa_release.onboarding.all():
        post(client, "onboarding_done", rosa_release, item_id=item.pk)
    client.force_login(alice)
    with (
        mock.patch("hiring.services.application_move", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        post(client, "enrol", rosa_release)
    assert not Apprentice.objects.exists()
    assert Application.objects.get().step == "onboarding"
    rosa_release.refresh_from_db()
    assert rosa_release.status == "accepted"


@pytest.mark.django_db
def test_a_full_cohort_is_refused_with_a_clear_message(client, alice, bob, rosa_release, january):
    january.capacity = 0
    january.save()
    client.force_login(bob)
    post(client, "offer", rosa_release, OFFER)
    accept(client, rosa_release)
    for item in rosa_release.onboarding.all():
        post(client, "onboarding_done", rosa_release, item_id=item.pk)
    client.force_login(alice)
    response = client.post(reverse("hiring:enrol", args=[rosa_release.pk]), follow=True)
    assert "is full" in response.content.decode()
    assert not Apprentice.objects.exists()


@pytest.mark.django_db
def test_unfinished_onboarding_blocks_enrolment(client, alice, bob, rosa_release):
    client.force_login(bob)
    post(client, "offer", rosa_release, OFFER)
    accept(client, rosa_release)
    client.force_login(alice)
    response = client.post(reverse("hiring:enrol", args=[rosa_release.pk]), follow=True)
    assert "Finish every onboarding item first" in response.content.decode()
    assert not Apprentice.objects.exists()


@pytest.mark.django_db
def test_another_departments_manager_gets_404_on_every_candidate_url(
    client, carol, rosa_release, cardiology_requisition
):
    client.force_login(carol)
    assert (
        client.get(reverse("hiring:requisition", args=[cardiology_requisition.pk])).status_code
        == 404
    )
    assert client.get(reverse("hiring:candidate", args=[rosa_release.pk])).status_code == 404
    for name in ("offer", "answer", "enrol"):
        assert post(client, name, rosa_release, OFFER).status_code in (404, 403)
    assert not Offer.objects.exists()


@pytest.mark.django_db
def test_managers_see_only_their_requisitions_and_never_dob_or_details(
    client, bob, rosa_release, pediatrics_release
):
    client.force_login(bob)
    page = client.get(reverse("hiring:requisition_list")).content.decode()
    assert "Cardiology" in page and "Pediatrics" not in page
    card = client.get(reverse("hiring:candidate", args=[rosa_release.pk])).content.decode()
    assert "Rosa Diaz" in card and "Cleared" in card
    assert "1995" not in card and "Clear record" not in card


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fay", "ivy", "ed", "dana", "gus"])
def test_other_roles_get_403(client, request, who, rosa_release):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("hiring:requisition_list")).status_code == 403
    assert client.get(reverse("hiring:candidate", args=[rosa_release.pk])).status_code == 403


@pytest.mark.django_db
def test_a_manager_opens_a_requisition_for_their_department_only(
    client, bob, cardiology, pediatrics, clinical_track, january
):
    client.force_login(bob)
    data = {
        "department": cardiology.pk,
        "track": clinical_track.pk,
        "cohort": january.pk,
        "positions": 2,
        "location": "CAM 4",
        "shift": "Days",
    }
    assert client.post(reverse("hiring:requisition_create"), data).status_code == 302
    assert Requisition.objects.get().status == "pending"
    response = client.post(
        reverse("hiring:requisition_create"), {**data, "department": pediatrics.pk}
    )
    assert response.status_code == 200
    assert Requisition.objects.count() == 1


@pytest.mark.django_db
def test_staff_approve_and_release_ready_for_hire_candidates(
    client, alice, cardiology_requisition, clinical_track
):
    cardiology_requisition.status = "pending"
    cardiology_requisition.save()
    client.force_login(alice)
    client.post(reverse("hiring:approve", args=[cardiology_requisition.pk]))
    cardiology_requisition.refresh_from_db()
    assert cardiology_requisition.status == "open"
    ready = ready_for_hire(clinical_track)
    client.post(
        reverse("hiring:release", args=[cardiology_requisition.pk]),
        {"selected": [ready.pk], "note": "Strong"},
    )
    assert Release.objects.get().shareable_note == "Strong"


@pytest.mark.django_db
def test_a_manager_cannot_release_candidates(client, bob, cardiology_requisition, clinical_track):
    ready = ready_for_hire(clinical_track)
    client.force_login(bob)
    assert (
        client.post(
            reverse("hiring:release", args=[cardiology_requisition.pk]), {"selected": [ready.pk]}
        ).status_code
        == 403
    )
    assert not Release.objects.exists()


@pytest.mark.django_db
def test_a_full_cohort_defers_the_candidate_to_the_next_with_a_seat(
    client, alice, bob, rosa_release, january, clinical_track
):
    from tests.clock import first_monday
    from tests.cohorts.factories import CohortFactory

    february = CohortFactory(
        track=clinical_track, start_date=first_monday(january.start_date, 1), capacity=5
    )
    january.capacity = 0
    january.save()
    client.force_login(bob)
    post(client, "offer", rosa_release, OFFER)
    accept(client, rosa_release)
    for item in rosa_release.onboarding.all():
        post(client, "onboarding_done", rosa_release, item_id=item.pk)
    client.force_login(alice)
    post(client, "defer", rosa_release)
    rosa_release.refresh_from_db()
    assert rosa_release.deferred_to == february
    assert "with the candidate's agreement" in Application.objects.get().events.last().reason
    post(client, "enrol", rosa_release)
    assert Apprentice.objects.get().cohort == february


@pytest.mark.django_db
def test_deferring_needs_an_accepted_candidate_and_staff(client, alice, bob, rosa_release):
    client.force_login(bob)
    assert post(client, "defer", rosa_release).status_code == 403
    client.force_login(alice)
    response = client.post(reverse("hiring:defer", args=[rosa_release.pk]), follow=True)
    assert "Only an accepted candidate" in response.content.decode()
    rosa_release.refresh_from_db()
    assert rosa_release.deferred_to is None


@pytest.mark.django_db
def test_enrolment_is_offered_only_when_onboarding_is_done(client, bob, alice, rosa_release):
    client.force_login(bob)
    post(client, "offer", rosa_release, OFFER)
    accept(client, rosa_release)
    items = list(rosa_release.onboarding.all())
    assert len(items) > 1
    for item in items[:-1]:
        post(client, "onboarding_done", rosa_release, item_id=item.pk)
    client.force_login(alice)
    url = reverse("hiring:candidate", args=[rosa_release.pk])
    page = client.get(url).content.decode()
    assert "Complete onboarding and enrol" not in page
    assert "1 left" in page and items[-1].title in page
    client.force_login(bob)
    post(client, "onboarding_done", rosa_release, item_id=items[-1].pk)
    client.force_login(alice)
    assert "Complete onboarding and enrol" in client.get(url).content.decode()
