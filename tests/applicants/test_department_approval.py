import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applicants import services
from applicants.models import DepartmentApproval
from applicants.services import application_submit
from tests.applicants.factories import SubmittedApplicationFactory


@pytest.fixture
def employee_application(clinical_track):
    return SubmittedApplicationFactory(
        track=clinical_track,
        step="interest",
        submitted_at=None,
        is_current_employee=True,
        approver_email="Gus@example.org",
    )


@pytest.mark.django_db
def test_the_manager_gets_a_private_link_and_approves(
    client, employee_application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=employee_application)
    approval = DepartmentApproval.objects.get()
    to_gus = [m for m in mailoutbox if m.to == ["gus@example.org"]]
    assert approval.token in to_gus[0].body
    page = client.get(reverse("applicants:approval", args=[approval.token])).content.decode()
    assert "1995" not in page  # the manager never sees the date of birth
    client.post(reverse("applicants:approval", args=[approval.token]), {"decision": "approve"})
    approval.refresh_from_db()
    assert approval.approved is True


@pytest.mark.django_db
def test_testing_waits_for_the_approval(employee_application, alice):
    application_submit(application=employee_application)
    with pytest.raises(ValidationError, match="waiting for department approval"):
        services.testing_results_record(
            application=employee_application,
            results={"typing_wpm": 40},
            tested_on=employee_application.intake_month,
            by=alice,
        )


@pytest.mark.django_db
def test_a_decline_needs_a_comment_and_ends_the_application(client, employee_application):
    application_submit(application=employee_application)
    approval = DepartmentApproval.objects.get()
    url = reverse("applicants:approval", args=[approval.token])
    response = client.post(url, {"decision": "decline", "comment": ""})
    assert "say why you decline" in response.content.decode()
    client.post(url, {"decision": "decline", "comment": "Staffing this quarter"})
    employee_application.refresh_from_db()
    assert employee_application.step == "not_eligible"
    assert "Staffing this quarter" in employee_application.events.last().reason


@pytest.mark.django_db
def test_a_guessed_approval_link_is_404(client):
    assert client.get(reverse("applicants:approval", args=["y" * 40])).status_code == 404
