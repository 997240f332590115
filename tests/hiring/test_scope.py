"""Another department's hiring manager gets 404 on every candidate, interview, scorecard,
offer and onboarding URL, and nothing changes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hiring import services
from hiring.models import Interview, Offer, OnboardingItem, Scorecard
from tests.hiring.factories import offer_answered, released

OFFER = {"made_on": "2026-11-24", "position_title": "PCA", "hourly_rate": "18.50"}


@pytest.fixture
def bobs(bob, cardiology_requisition):
    """A Cardiology candidate with an interview and an accepted offer in onboarding."""
    release = released(cardiology_requisition)
    interview = services.interview_schedule(
        release=release,
        starts_at=timezone.now() + timedelta(days=1),
        minutes=30,
        place="CAM",
        panel=[bob],
        by=bob,
    )
    offer_answered(release, bob)
    return release, interview


URLS = [
    ("get", "candidate", {}),
    ("post", "offer", OFFER),
    ("post", "answer", {"answer": "decline", "answered_on": "2026-11-25", "reason": "x"}),
    ("post", "interview", {"starts_at": "2027-01-10T10:00", "minutes": 30, "place": "x"}),
    ("post", "onboarding_done", {}),
    ("post", "enrol", {}),
    ("post", "defer", {}),
    ("get", "scorecard", {}),
    ("post", "scorecard", {"strengths": "x", "recommendation": "yes"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "data"), URLS)
def test_another_departments_manager_gets_404(client, carol, bobs, method, name, data):
    release, interview = bobs
    kwargs = {"release_id": release.pk}
    if name == "onboarding_done":
        kwargs["item_id"] = release.onboarding.first().pk
    if name == "scorecard":
        kwargs = {"interview_id": interview.pk}
    client.force_login(carol)
    response = getattr(client, method)(reverse(f"hiring:{name}", kwargs=kwargs), data)
    # enrolment is program staff's alone: the role is refused before the object is looked up
    assert response.status_code == (403 if name in ("enrol", "defer") else 404)
    assert Interview.objects.count() == 1 and not Scorecard.objects.exists()
    assert Offer.objects.get().answer == "accepted"
    assert not OnboardingItem.objects.filter(done_at__isnull=False).exists()


@pytest.mark.django_db
def test_an_onboarding_item_of_another_candidate_is_404(
    client, bob, carol, bobs, pediatrics_requisition
):
    theirs = released(pediatrics_requisition)
    offer_answered(theirs, carol)
    release, _ = bobs
    client.force_login(bob)
    url = reverse("hiring:onboarding_done", args=[release.pk, theirs.onboarding.first().pk])
    assert client.post(url).status_code == 404
    assert not OnboardingItem.objects.filter(done_at__isnull=False).exists()


@pytest.mark.django_db
def test_the_ssn_and_birth_date_never_reach_the_hiring_managers_pages(
    client, bob, rosa_release, cardiology_requisition
):
    person = rosa_release.application.person
    person.ssn = "123-45-6789"
    person.save()
    client.force_login(bob)
    for url in (
        reverse("hiring:requisition", args=[cardiology_requisition.pk]),
        reverse("hiring:candidate", args=[rosa_release.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert "6789" not in page.content.decode()
        assert "Social Security" not in page.content.decode()
