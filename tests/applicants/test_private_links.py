"""Private links work for a purpose and a time: an applicant's while the application is open
(renewed by each step), a manager's approval link for 14 days while the application is open, a
seat's cancel link until the session starts. Then they answer 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, DepartmentApproval, InfoSession, SessionBooking
from tests.applicants.factories import SubmittedApplicationFactory

MINUTE = timedelta(minutes=1)


def _aged(application, days, step=None):
    fields = {"step_changed_at": timezone.now() - timedelta(days=days)}
    if step:
        fields["step"] = step
    Application.objects.filter(pk=application.pk).update(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize(("age", "status"), [(-1, 200), (+1, 404)])
def test_an_open_application_link_lives_120_days_after_its_last_step(client, age, status):
    application = SubmittedApplicationFactory(step="testing")
    Application.objects.filter(pk=application.pk).update(
        step_changed_at=timezone.now() - timedelta(days=120) + (-MINUTE if age > 0 else MINUTE)
    )
    response = client.get(reverse("applicants:private", args=[application.token]))
    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["withdrawn", "enrolled", "declined"])
def test_a_closed_application_shows_its_status_but_changes_nothing(client, step):
    application = SubmittedApplicationFactory(step=step)
    assert client.get(reverse("applicants:private", args=[application.token])).status_code == 200
    for name in ("self_identification", "disability"):
        url = reverse(f"applicants:{name}", args=[application.token])
        assert client.get(url).status_code == 404
        assert client.post(url, {"sex": "female"}).status_code == 404
    withdraw = reverse("applicants:withdraw", args=[application.token])
    assert client.post(withdraw).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "status"), [(29, 200), (31, 404)])
def test_a_closed_application_link_stops_30_days_after_closing(client, days, status):
    application = SubmittedApplicationFactory(step="withdrawn")
    _aged(application, days)
    response = client.get(reverse("applicants:private", args=[application.token]))
    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(("age", "status"), [(-1, 200), (+1, 404)])
def test_an_approval_link_lives_14_days(client, age, status):
    application = SubmittedApplicationFactory(step="applied", is_current_employee=True)
    approval = DepartmentApproval.objects.create(
        application=application, approver_email="gus@example.org"
    )
    DepartmentApproval.objects.filter(pk=approval.pk).update(
        created_at=timezone.now() - timedelta(days=14) + (-MINUTE if age > 0 else MINUTE)
    )
    response = client.get(reverse("applicants:approval", args=[approval.token]))
    assert response.status_code == status


@pytest.mark.django_db
def test_an_approval_link_stops_when_the_application_closes(client):
    application = SubmittedApplicationFactory(step="withdrawn", is_current_employee=True)
    approval = DepartmentApproval.objects.create(
        application=application, approver_email="gus@example.org"
    )
    url = reverse("applicants:approval", args=[approval.token])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    approval.refresh_from_db()
    assert approval.approved is None


@pytest.mark.django_db
@pytest.mark.parametrize(("starts_in", "status"), [(MINUTE, 200), (-MINUTE, 404)])
def test_a_cancel_link_works_until_the_session_starts(client, starts_in, status):
    start = timezone.now() + starts_in
    session = InfoSession.objects.create(
        location_name="WD", address="x", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    booking = SessionBooking.objects.create(session=session, name="R", email="r@example.net")
    response = client.get(reverse("applicants:booking_cancel", args=[booking.token]))
    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/apply/a/%00/",
        "/apply/a/x%00/background/",
        "/apply/a/%00/self-identification/",
        "/apply/approval/%00/",
        "/apply/sessions/cancel/%00/",
        "/classroom/check-in/%00/",
        "/apply/a/" + "a" * 500 + "/",
    ],
)
def test_a_malformed_token_is_404_not_500(client, path):
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


@pytest.mark.django_db
def test_the_link_opens_in_the_language_the_applicant_chose_on_any_phone(client):
    application = SubmittedApplicationFactory(step="testing", person__preferred_language="es")
    url = reverse("applicants:private", args=[application.token])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US", follow=True)
    assert "Hola, " in response.content.decode()
    assert client.cookies["django_language"].value == "es"
    # Their own later choice in the footer wins.
    client.cookies["django_language"] = "en"
    assert "Hello " in client.get(url).content.decode()
