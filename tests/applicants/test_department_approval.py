import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applicants import services
from applicants.models import DepartmentApproval
from applicants.services import application_submit
from tests.applicants.factories import SubmittedApplicationFactory


@pytest.fixture
def family_medicine(program, gus):
    """Gus approves for Family Medicine: the program knows him as a department approver."""
    from tests.factories import DepartmentFactory

    department = DepartmentFactory(program=program, name="Family Medicine")
    department.approvers.add(gus)
    return department


@pytest.fixture
def employee_application(clinical_track, family_medicine):
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


def _employment(client, application, approver_email):
    return client.post(
        reverse("applicants:employment", args=[application.token]),
        {
            "is_current_employee": "on",
            "approver_email": approver_email,
            "available_for_start": "on",
        },
    )


@pytest.mark.django_db
def test_an_applicant_cannot_name_themselves_as_approver(client, employee_application):
    own = employee_application.person.email
    response = _employment(client, employee_application, own.upper())
    assert response.status_code == 200
    assert "you cannot approve yourself" in response.content.decode()
    employee_application.refresh_from_db()
    assert employee_application.approver_email == "Gus@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "my.friend@gmail.com",
        "manager@example.org",  # at the staff domain, but no one the program knows
        "ed@example.org",  # an apprentice's work mailbox
        "dana.work@example.org",  # the applicant's own work mailbox
    ],
)
def test_only_an_approver_or_manager_the_program_knows_may_approve(
    client, employee_application, ed, address
):
    """29 CFR 29 leaves who approves to the sponsor: anyone at the staff e-mail domain was
    trusted, so an applicant could name their own work mailbox. Now only a department's
    approver or hiring manager is."""
    response = _employment(client, employee_application, address)
    assert "not one of the program&#x27;s department approvers or managers" in (
        response.content.decode()
    )
    assert _employment(client, employee_application, "gus@example.org").status_code == 302


@pytest.mark.django_db
def test_a_hiring_manager_of_a_department_may_approve(client, employee_application, cardiology):
    assert _employment(client, employee_application, "bob@example.org").status_code == 302


@pytest.mark.django_db
def test_a_department_approver_outside_the_domain_is_trusted(
    client, employee_application, cardiology, gus
):
    gus.email = "gus@partner-clinic.net"
    gus.save()
    cardiology.approvers.add(gus)
    assert _employment(client, employee_application, "gus@partner-clinic.net").status_code == 302


@pytest.mark.django_db
def test_an_untrusted_approval_already_sent_cannot_be_used(client, employee_application):
    """An approval row written before the check (or by a bug) still cannot pass the gate."""
    approval = DepartmentApproval.objects.create(
        application=employee_application, approver_email=employee_application.person.email
    )
    url = reverse("applicants:approval", args=[approval.token])
    response = client.post(url, {"decision": "approve"})
    assert "not from an approver the program trusts" in response.content.decode()
    approval.refresh_from_db()
    assert approval.approved is None


@pytest.mark.django_db
def test_the_timeline_shows_who_approved(client, employee_application):
    application_submit(application=employee_application)
    approval = DepartmentApproval.objects.get()
    client.post(reverse("applicants:approval", args=[approval.token]), {"decision": "approve"})
    assert "gus@example.org" in employee_application.events.last().reason


@pytest.mark.django_db
def test_staff_see_who_approved_and_whether_the_program_knows_them(
    client, alice, employee_application, family_medicine, gus
):
    from django.utils import timezone

    application_submit(application=employee_application)
    DepartmentApproval.objects.update(approved=True, decided_at=timezone.now())
    client.force_login(alice)
    url = reverse("applicants:application_detail", args=[employee_application.pk])
    page = client.get(url).content.decode()
    assert "a department approver the program knows" in page and "approved on" in page
    family_medicine.approvers.remove(gus)  # an approval from before the program knew better
    page = client.get(url).content.decode()
    assert "not an approver or manager the program knows" in page
