from datetime import date

import pytest
from django.urls import reverse

from applicants.models import Application, Person
from audit.models import PersonalDataAccess


def start(client, track, **change):
    data = {
        "first_name": "Rosa",
        "last_name": "Diaz",
        "email": "Rosa@Example.net",
        "phone": "314-555-0101",
        "language": "es",
        **change,
    }
    return client.post(reverse("applicants:track_page", args=[track.slug]), data)


ADDRESS = {
    "street_address": "4901 Forest Park Ave",
    "city": "St. Louis",
    "state": "MO",
    "zip_code": "63108",
    "education_level": "3",
}


@pytest.mark.django_db
def test_starting_emails_the_private_link(
    client, clinical_track, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, clinical_track)
    application = Application.objects.get()
    assert response.url == reverse("applicants:private", args=[application.token])
    assert application.person.email == "rosa@example.net"
    assert application.token in mailoutbox[0].body
    assert len(application.token) >= 40  # unguessable, and the only key in the link


@pytest.mark.django_db
@pytest.mark.parametrize("change", [{"email": "nope"}, {"first_name": ""}, {"language": "fr"}])
def test_bad_start_input_saves_nothing(client, clinical_track, change):
    response = start(client, clinical_track, **change)
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_the_whole_form_then_submit_reaches_applied(
    client, clinical_track, mailoutbox, django_capture_on_commit_callbacks
):
    start(client, clinical_track)
    token = Application.objects.get().token
    client.post(
        reverse("applicants:background", args=[token]),
        {
            "date_of_birth": "1996-04-02",
            **ADDRESS,
            "healthcare_months": "36",
            "employer": "BJC",
            "role": "Patient transport",
        },
    )
    client.post(reverse("applicants:employment", args=[token]), {"available_for_start": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:review", args=[token]))
    application = Application.objects.get()
    assert application.step == Application.Step.APPLIED
    assert application.experience.get().employer == "BJC"
    assert list(application.events.values_list("to_step", flat=True)) == ["interest", "applied"]
    assert "día de exámenes" in mailoutbox[-1].body  # she chose Spanish for our emails
    assert PersonalDataAccess.objects.filter(action="change", fields=["date_of_birth"]).exists()


@pytest.mark.django_db
def test_an_ineligible_applicant_is_told_what_is_missing(client, clinical_track):
    start(client, clinical_track, language="en")
    token = Application.objects.get().token
    client.post(
        reverse("applicants:background", args=[token]),
        {
            "date_of_birth": "1996-04-02",
            "healthcare_months": "6",
            **ADDRESS,
            "education_level": "1",  # less than a diploma
        },
    )
    client.post(reverse("applicants:employment", args=[token]), {"available_for_start": "on"})
    client.post(reverse("applicants:review", args=[token]))
    page = client.get(reverse("applicants:private", args=[token])).content.decode()
    assert "Not eligible" in page
    assert "A high-school diploma or GED is required." in page
    assert "6 months of healthcare experience; 24 needed." in page


@pytest.mark.django_db
def test_a_current_employee_must_name_their_manager(client, clinical_track):
    start(client, clinical_track)
    token = Application.objects.get().token
    response = client.post(
        reverse("applicants:employment", args=[token]),
        {"is_current_employee": "on", "available_for_start": "on"},
    )
    assert "need their manager" in response.content.decode()
    assert not Application.objects.get().is_current_employee


@pytest.mark.django_db
@pytest.mark.parametrize("born", ["2099-01-01", "1850-01-01", "yesterday"])
def test_an_impossible_birth_date_is_refused(client, clinical_track, born):
    start(client, clinical_track)
    application = Application.objects.get()
    response = client.post(
        reverse("applicants:background", args=[application.token]),
        {"date_of_birth": born, "healthcare_months": "36", **ADDRESS},
    )
    assert response.status_code == 200
    application.person.refresh_from_db()
    assert application.person.date_of_birth is None


@pytest.mark.django_db
def test_another_applicants_link_or_a_guess_is_404(client, clinical_track):
    start(client, clinical_track)
    for path in ("private", "background", "review"):
        assert client.get(reverse(f"applicants:{path}", args=["guess" * 8])).status_code == 404


@pytest.mark.django_db
def test_the_applicant_withdraws(client, clinical_track):
    start(client, clinical_track)
    application = Application.objects.get()
    application.step, application.submitted_at = "applied", date(2026, 11, 1)
    application.save()
    url = reverse("applicants:withdraw", args=[application.token])
    response = client.post(url, {"reason": "Moving away"}, follow=True)
    assert "Tick the box to confirm" in response.content.decode()
    application.refresh_from_db()
    assert application.step == "applied"
    client.post(url, {"reason": "Moving away", "confirm": "yes"})
    application.refresh_from_db()
    assert application.step == "withdrawn"
    assert application.events.last().reason == "Moving away"


@pytest.mark.django_db
def test_education_is_asked_once_and_the_review_shows_address_and_level(client, clinical_track):
    start(client, clinical_track, language="en")
    token = Application.objects.get().token
    form = client.get(reverse("applicants:background", args=[token])).content.decode()
    assert "Highest level of education completed" in form
    assert ">Education<" not in form and "I prefer not to say" not in form
    client.post(
        reverse("applicants:background", args=[token]),
        {"date_of_birth": "1996-04-02", "healthcare_months": "36", **ADDRESS},
    )
    application = Application.objects.get()
    assert (application.education, application.education_level) == ("high_school", "3")
    client.post(reverse("applicants:employment", args=[token]), {"available_for_start": "on"})
    review = client.get(reverse("applicants:review", args=[token])).content.decode()
    assert "4901 Forest Park Ave" in review and "St. Louis, MO 63108" in review
    assert "High-school diploma or GED" in review
