import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.models import ClassSession, Grade, Module


def makeup_form(*apprentices, **change):
    return {
        "day": timezone.localdate().isoformat(),
        "start_time": "13:00",
        "hours": "2",
        "location": "Room 110",
        "apprentices": [a.pk for a in apprentices],
        **change,
    }


@pytest.mark.django_db
def test_a_makeup_session_is_for_the_chosen_apprentices(client, ivy, cohort, ed_apprentice):
    client.force_login(ivy)
    response = client.post(
        reverse("classroom:makeup_create", args=[cohort.pk]), makeup_form(ed_apprentice)
    )
    session = ClassSession.objects.get(kind="makeup")
    assert response.url == reverse("classroom:session_attendance", args=[session.pk])
    assert list(session.invited.all()) == [ed_apprentice]


@pytest.mark.django_db
@pytest.mark.parametrize("change", [{"apprentices": []}, {"hours": "0"}, {"day": "someday"}])
def test_bad_makeup_input_saves_nothing(client, ivy, cohort, ed_apprentice, change):
    client.force_login(ivy)
    response = client.post(
        reverse("classroom:makeup_create", args=[cohort.pk]), makeup_form(ed_apprentice, **change)
    )
    assert response.status_code == 200
    assert not ClassSession.objects.filter(kind="makeup").exists()


@pytest.mark.django_db
def test_another_instructor_cannot_schedule_a_makeup(
    client, other_instructor, cohort, ed_apprentice
):
    client.force_login(other_instructor)
    assert (
        client.post(
            reverse("classroom:makeup_create", args=[cohort.pk]), makeup_form(ed_apprentice)
        ).status_code
        == 404
    )
    assert not ClassSession.objects.filter(kind="makeup").exists()


@pytest.mark.django_db
def test_the_instructor_enters_grades_against_the_pass_mark(client, ivy, cohort, ed_apprentice):
    module = Module.objects.create(track=cohort.track, order=1, title="Vital signs", pass_mark=75)
    url = reverse("classroom:grade_sheet", args=[cohort.pk, module.pk])
    client.force_login(ivy)
    client.post(url, {f"score_{ed_apprentice.pk}": "74"})
    assert not Grade.objects.get().passed
    assert "Below pass mark" in client.get(url).content.decode()
    response = client.post(url, {f"score_{ed_apprentice.pk}": "101"})
    assert response.status_code == 200
    assert Grade.objects.get().score == 74


@pytest.mark.django_db
def test_grades_of_another_cohort_are_404(client, other_instructor, cohort):
    module = Module.objects.create(track=cohort.track, order=1, title="Vital signs")
    client.force_login(other_instructor)
    assert (
        client.get(reverse("classroom:grade_sheet", args=[cohort.pk, module.pk])).status_code == 404
    )
