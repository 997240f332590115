import pytest
from django.urls import reverse

URL = reverse("dashboard:home")


@pytest.mark.django_db
def test_visitors_see_the_public_landing_page_with_tracks(client, clinical_track):
    page = client.get(URL).content.decode()
    assert clinical_track.name in page
    assert "sign in" in page


@pytest.mark.django_db
def test_staff_see_real_counts(client, alice, cardiology, pediatrics, clinical_track):
    client.force_login(alice)
    summary = client.get(URL).context["summary"]
    assert summary["departments"] == {"active": 2, "total": 2}
    assert summary["tracks"] == {"active": 1, "total": 1}
    assert ("Hiring manager", 2) in summary["people_by_role"]


@pytest.mark.django_db
def test_a_hiring_manager_sees_their_departments_and_no_program_counts(
    client, bob, cardiology, pediatrics
):
    client.force_login(bob)
    response = client.get(URL)
    assert "summary" not in response.context
    page = response.content.decode()
    assert "Cardiology" in page and "Pediatrics" not in page


@pytest.mark.django_db
def test_an_apprentice_sees_their_home_without_staff_navigation(client, ed):
    client.force_login(ed)
    page = client.get(URL).content.decode()
    assert "Welcome, Ed" in page
    assert reverse("accounts:user_list") not in page


@pytest.mark.django_db
def test_unknown_pages_get_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}
