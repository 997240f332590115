from datetime import timedelta

import pytest
from django.urls import reverse

from cohorts.models import Closure

URL = reverse("cohorts:closure_create")


@pytest.mark.django_db
def test_a_closure_on_a_class_day_moves_that_class_to_the_end(
    client,
    alice,
    cohort,
    todays_session,
    ed_apprentice,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    day = todays_session.date + timedelta(days=14)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"date": day.isoformat(), "reason": "Thanksgiving", "cohort": ""}
        )
    assert response.status_code == 302
    assert Closure.objects.get().program == cohort.track.program
    assert not cohort.sessions.counting().filter(date=day).exists()
    assert cohort.sessions.counting().filter(kind="regular").count() == 12
    assert any("Thanksgiving" in m.body for m in mailoutbox)


@pytest.mark.django_db
def test_a_closure_without_a_reason_is_refused(client, alice, cohort):
    client.force_login(alice)
    response = client.post(URL, {"date": "2027-01-01", "reason": ""})
    assert response.status_code == 200
    assert not Closure.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ivy", "bob", "ed"])
def test_only_staff_add_closures(client, request, who, program):
    client.force_login(request.getfixturevalue(who))
    assert client.post(URL, {"date": "2027-01-01", "reason": "x"}).status_code == 403
    assert not Closure.objects.exists()
