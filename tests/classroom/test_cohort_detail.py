import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.models import Attendance, ClassSession
from tests.cohorts.factories import ApprenticeFactory


def url(cohort):
    return reverse("classroom:cohort_detail", args=[cohort.pk])


def _mark_past_classes(cohort, apprentice, status):
    for session in cohort.sessions.filter(date__lt=timezone.localdate()):
        Attendance.objects.create(
            session=session,
            apprentice=apprentice,
            status=status,
            hours_credited=session.hours if status == "present" else 0,
        )


@pytest.mark.django_db
def test_it_flags_apprentices_below_pace_as_at_risk(client, ivy, cohort, ed_apprentice):
    amy = ApprenticeFactory(cohort=cohort, person__first_name="Amy", person__last_name="Ames")
    _mark_past_classes(cohort, ed_apprentice, "absent")
    _mark_past_classes(cohort, amy, "present")
    client.force_login(ivy)
    roster = {a.pk: a for a in client.get(url(cohort)).context["roster"]}
    assert roster[ed_apprentice.pk].rti.at_risk
    assert roster[ed_apprentice.pk].rti.missed == 3
    assert not roster[amy.pk].rti.at_risk
    assert str(roster[amy.pk].rti.attended) == "12.00"


@pytest.mark.django_db
def test_it_shows_seats_left(client, alice, cohort, ed_apprentice):
    cohort.capacity = 3
    cohort.save()
    client.force_login(alice)
    response = client.get(url(cohort))
    assert response.context["seats_left"] == 2


@pytest.mark.django_db
def test_another_instructor_gets_404(client, other_instructor, cohort):
    client.force_login(other_instructor)
    assert client.get(url(cohort)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ed", "dana"])
def test_other_roles_get_403(client, request, who, cohort):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(cohort)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_roster_query_count_does_not_grow(client, ivy, cohort, rows, django_assert_max_num_queries):
    for apprentice in ApprenticeFactory.create_batch(rows, cohort=cohort):
        _mark_past_classes(cohort, apprentice, "present")
    client.force_login(ivy)
    with django_assert_max_num_queries(15):
        response = client.get(url(cohort))
    assert len(response.context["roster"]) == rows


@pytest.mark.django_db
def test_a_cancelled_class_does_not_count_as_planned(client, alice, cohort, ed_apprentice):
    past = cohort.sessions.filter(date__lt=timezone.localdate()).first()
    ClassSession.objects.filter(pk=past.pk).update(status="cancelled")
    client.force_login(alice)
    roster = client.get(url(cohort)).context["roster"]
    assert str(roster[0].rti.planned_to_date) == "8.00"  # three classes before today, one cancelled
