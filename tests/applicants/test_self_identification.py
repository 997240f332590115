import pytest
from django.urls import reverse

from applicants.models import SelfIdentification
from tests.applicants.factories import SubmittedApplicationFactory


@pytest.mark.django_db
def test_answers_are_stored_apart_and_do_not_touch_the_application(client, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    step_before = application.step
    client.post(
        reverse("applicants:self_identification", args=[application.token]),
        {"sex": "female", "ethnicity": "hispanic", "races": ["white", "black"]},
    )
    client.post(
        reverse("applicants:disability", args=[application.token]), {"disability": "decline"}
    )
    answers = SelfIdentification.objects.get()
    assert answers.races == ["white", "black"] and answers.disability == "decline"
    application.refresh_from_db()
    assert application.step == step_before


@pytest.mark.django_db
def test_everything_is_optional(client, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    response = client.post(reverse("applicants:self_identification", args=[application.token]), {})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_bad_choice_saves_nothing(client, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    response = client.post(
        reverse("applicants:self_identification", args=[application.token]), {"sex": "robot"}
    )
    assert response.status_code == 200
    assert not SelfIdentification.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_eeo_answers_never_show_on_the_staff_or_manager_pages(client, request, who, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    SelfIdentification.objects.create(application=application, sex="female", ethnicity="hispanic")
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("applicants:application_detail", args=[application.pk]))
    assert "Hispanic" not in response.content.decode()
