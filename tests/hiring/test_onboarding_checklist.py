import pytest
from django.urls import reverse

from hiring.models import STANDARD_ONBOARDING, OnboardingTask
from tests.hiring.factories import offer_answered

ITEM = {"title": "Flu shot", "owner": "Employee health", "due_days": 10, "order": 9}


def add(client, program, data=ITEM):
    return client.post(
        reverse("hiring:checklist"), {**data, "program": program.pk, "is_active": "on"}
    )


@pytest.mark.django_db
def test_the_standard_checklist_is_used_until_the_program_sets_its_own(
    client, alice, bob, program, rosa_release
):
    client.force_login(alice)
    page = client.get(reverse("hiring:checklist")).content.decode()
    assert "The standard checklist is in use" in page and "I-9 employment eligibility" in page
    offer_answered(rosa_release, bob)
    assert rosa_release.onboarding.count() == len(STANDARD_ONBOARDING)


@pytest.mark.django_db
def test_an_admin_adds_an_item_and_the_next_acceptance_gets_it(
    client, grace, bob, program, rosa_release
):
    client.force_login(grace)
    assert add(client, program).status_code == 302
    assert OnboardingTask.objects.count() == len(STANDARD_ONBOARDING) + 1
    offer_answered(rosa_release, bob)
    flu = rosa_release.onboarding.get(title="Flu shot")
    assert flu.owner == "Employee health"
    assert (flu.due_on - rosa_release.offer.answered_on).days == 10


@pytest.mark.django_db
def test_an_admin_retires_an_item(client, grace, bob, program, rosa_release):
    client.force_login(grace)
    client.post(reverse("hiring:checklist_adopt", args=[program.pk]))
    uniform = OnboardingTask.objects.get(title__startswith="Uniform")
    response = client.post(
        reverse("hiring:task_edit", args=[uniform.pk]),
        {"title": uniform.title, "owner": "Department", "due_days": 7, "order": 6},
    )
    assert response.status_code == 302
    offer_answered(rosa_release, bob)
    assert not rosa_release.onboarding.filter(title__startswith="Uniform").exists()
    assert rosa_release.onboarding.count() == len(STANDARD_ONBOARDING) - 1


@pytest.mark.django_db
def test_an_item_without_a_title_or_with_a_due_date_too_far_is_refused(client, grace, program):
    client.force_login(grace)
    response = add(client, program, {**ITEM, "title": "", "due_days": 500})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not OnboardingTask.objects.exists()


@pytest.mark.django_db
def test_adopting_twice_is_refused(client, grace, program):
    client.force_login(grace)
    client.post(reverse("hiring:checklist_adopt", args=[program.pk]))
    response = client.post(reverse("hiring:checklist_adopt", args=[program.pk]), follow=True)
    assert "already has its own checklist" in response.content.decode()
    assert OnboardingTask.objects.count() == len(STANDARD_ONBOARDING)


@pytest.mark.django_db
def test_staff_read_the_checklist_but_only_the_admin_changes_it(client, alice, bob, program):
    client.force_login(alice)
    assert client.get(reverse("hiring:checklist")).status_code == 200
    assert add(client, program).status_code == 403
    assert client.post(reverse("hiring:checklist_adopt", args=[program.pk])).status_code == 403
    client.force_login(bob)
    assert client.get(reverse("hiring:checklist")).status_code == 403
    assert not OnboardingTask.objects.exists()


@pytest.mark.django_db
def test_editing_an_unknown_item_is_404(client, grace):
    client.force_login(grace)
    assert client.get(reverse("hiring:task_edit", args=[999])).status_code == 404


@pytest.mark.django_db
def test_an_order_past_999_or_an_unknown_program_is_refused_not_an_error(client, grace, program):
    client.force_login(grace)
    client.post(reverse("hiring:checklist_adopt", args=[program.pk]))
    task = OnboardingTask.objects.filter(program=program).first()
    response = client.post(
        reverse("hiring:task_edit", args=[task.pk]),
        {"title": "Badge", "owner": "Security", "due_days": 3, "order": "99999999"},
    )
    assert "Ensure this value is less than or equal to 999." in response.content.decode()
    response = client.post(
        reverse("hiring:checklist"),
        {"title": "Badge", "owner": "Security", "due_days": 3, "order": 1, "program": "abc"},
    )
    assert response.status_code == 404
    assert not OnboardingTask.objects.filter(title="Badge").exclude(pk=task.pk).exists()
