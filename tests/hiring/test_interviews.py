from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from hiring.models import Interview, Question, Scorecard
from tests.factories import UserFactory


@pytest.fixture
def kit(clinical_track):
    Question.objects.create(
        track=clinical_track, competency="Patient care", text="Tell us about a hard day.", order=1
    )
    Question.objects.create(
        track=clinical_track, competency="Teamwork", text="A conflict you solved?", order=2
    )


@pytest.fixture
def dan(cardiology):
    dan = UserFactory(email="dan@example.org", full_name="Dan Ortiz", roles=[Role.HIRING_MANAGER])
    cardiology.hiring_managers.add(dan)
    return dan


def schedule(client, release, *panel):
    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    return client.post(
        reverse("hiring:interview", args=[release.pk]),
        {
            "starts_at": when,
            "minutes": 45,
            "place": "CAM 4, Room 12",
            "panel": [u.pk for u in panel],
        },
    )


def score(client, interview, recommendation="yes"):
    # The scorecard opens when the interview starts: the interview has happened.
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    return client.post(
        reverse("hiring:scorecard", args=[interview.pk]),
        {
            "rating_0": "4",
            "rating_1": "5",
            "strengths": "Calm with patients",
            "concerns": "",
            "recommendation": recommendation,
        },
    )


@pytest.mark.django_db
def test_scheduling_sends_an_invite_to_the_candidate_and_each_panel_member(
    client, bob, dan, rosa_release, kit, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        schedule(client, rosa_release, bob, dan)
    assert Interview.objects.get().panel.count() == 2
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted(
        [rosa_release.application.person.email, "bob@example.org", "dan@example.org"]
    )
    assert all(m.attachments[0][0] == "interview.ics" for m in mailoutbox)
    rosa_release.application.refresh_from_db()
    assert rosa_release.application.step == "interviewing"


@pytest.mark.django_db
def test_a_scorecard_is_hidden_from_other_panel_members_until_they_submit(
    client, bob, dan, rosa_release, kit
):
    client.force_login(bob)
    schedule(client, rosa_release, bob, dan)
    interview = Interview.objects.get()
    score(client, interview, "strong_yes")
    client.force_login(dan)
    page = client.get(reverse("hiring:scorecard", args=[interview.pk])).content.decode()
    assert "Calm with patients" not in page and "Bob Brennan · Strong yes" not in page
    assert "1 of 2 scorecards submitted" in page
    score(client, interview, "no")
    page = client.get(reverse("hiring:scorecard", args=[interview.pk])).content.decode()
    assert "Bob Brennan · Strong yes" in page and "Patient care: 4/5" in page


@pytest.mark.django_db
def test_a_scorecard_needs_every_rating_and_strengths(client, bob, rosa_release, kit):
    client.force_login(bob)
    schedule(client, rosa_release, bob)
    interview = Interview.objects.get()
    response = client.post(
        reverse("hiring:scorecard", args=[interview.pk]), {"rating_0": "4", "recommendation": "yes"}
    )
    assert response.status_code == 200
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_someone_off_the_panel_cannot_submit(client, bob, dan, rosa_release, kit):
    client.force_login(bob)
    schedule(client, rosa_release, bob)
    client.force_login(dan)
    response = score(client, Interview.objects.get())
    assert "Only a member of the panel" in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_another_departments_manager_gets_404_on_the_scorecard(
    client, bob, carol, rosa_release, kit
):
    client.force_login(bob)
    schedule(client, rosa_release, bob)
    client.force_login(carol)
    assert (
        client.get(reverse("hiring:scorecard", args=[Interview.objects.get().pk])).status_code
        == 404
    )
    assert schedule(client, rosa_release, carol).status_code == 404


@pytest.mark.django_db
def test_an_interview_without_a_panel_is_refused(client, bob, rosa_release):
    client.force_login(bob)
    response = client.post(
        reverse("hiring:interview", args=[rosa_release.pk]),
        {"starts_at": "2027-01-01T10:00", "minutes": 45, "place": "x"},
        follow=True,
    )
    assert "at least one panel member" in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_staff_maintain_the_question_bank_and_managers_cannot(client, alice, bob, clinical_track):
    data = {
        "track": clinical_track.pk,
        "competency": "Teamwork",
        "text": "Tell us about a team.",
        "order": 1,
    }
    client.force_login(bob)
    assert client.post(reverse("hiring:questions"), data).status_code == 403
    client.force_login(alice)
    client.post(reverse("hiring:questions"), data)
    assert Question.objects.get().competency == "Teamwork"
    assert client.post(reverse("hiring:questions"), {**data, "text": ""}).status_code == 200
    assert Question.objects.count() == 1


@pytest.mark.django_db
def test_a_scorecard_cannot_be_submitted_before_the_interview(client, bob, rosa_release, kit):
    client.force_login(bob)
    schedule(client, rosa_release, bob)
    interview = Interview.objects.get()
    page = client.get(reverse("hiring:scorecard", args=[interview.pk])).content.decode()
    assert "The scorecard opens when the interview starts" in page
    client.post(
        reverse("hiring:scorecard", args=[interview.pk]),
        {"rating_0": "4", "rating_1": "5", "strengths": "x", "recommendation": "yes"},
    )
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_ratings_read_in_the_order_of_the_questions(client, bob, rosa_release, kit):
    client.force_login(bob)
    schedule(client, rosa_release, bob)
    interview = Interview.objects.get()
    score(client, interview)
    page = client.get(reverse("hiring:scorecard", args=[interview.pk])).content.decode()
    # jsonb stores keys shortest first ("Teamwork" before "Patient care"); the kit's order wins.
    assert page.index("Patient care: 4/5") < page.index("Teamwork: 5/5")


@pytest.mark.django_db
def test_a_video_link_is_a_link(client, bob, rosa_release, kit):
    client.force_login(bob)
    Interview.objects.create(
        release=rosa_release, starts_at=timezone.now(), place="https://meet.example.org/abc"
    )
    page = client.get(reverse("hiring:candidate", args=[rosa_release.pk])).content.decode()
    assert 'href="https://meet.example.org/abc"' in page
