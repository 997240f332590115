"""Program admins keep each track's registered standard on in-app pages: draft a version, edit
it, send it to the agency, record the approval, put it in force; apprentices are held to the
version in force when they start, earlier versions stay readable (29 CFR 29.5)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.services import cohort_enroll
from programs.models import InterimCredential, Standard
from tests.cohorts.factories import ApplicationFactory, CohortFactory


def _form(**change):
    data = {
        "approach": "time",
        "term_weeks": 52,
        "rti_weeks": 12,
        "rti_hours": 48,
        "ojl_hours": 4000,
        "ojl_hours_max": "",
        "probation_days": 90,
        "probation_ojl_hours": "",
        "completes_on_ojl_hours": "on",
        "completes_on_rti_hours": "on",
        "competency_level": "independent",
        "completes_on_exam": "on",
        "apprentices_per_preceptor": 3,
        "wage_schedule": "",
        "note": "Two-year term",
    }
    return {**data, **change}


def _step(client, standard, step, on):
    return client.post(
        reverse("programs:standard_step", args=[standard.pk, step]), {"on": on.isoformat()}
    )


@pytest.mark.django_db
def test_a_version_goes_from_draft_to_in_force_and_new_hires_are_held_to_it(
    client, grace, clinical_track
):
    today = timezone.localdate()
    client.force_login(grace)
    response = client.post(reverse("programs:standard_draft", args=[clinical_track.pk]))
    draft = clinical_track.standards.get(version=2)
    assert response["Location"] == reverse("programs:standard_edit", args=[draft.pk])
    assert draft.state == Standard.State.DRAFT and draft.ojl_hours == 2000  # a copy of v1
    assert (
        client.post(reverse("programs:standard_edit", args=[draft.pk]), _form()).status_code == 302
    )
    draft.refresh_from_db()
    assert (draft.ojl_hours, draft.apprentices_per_preceptor) == (4000, 3)

    # Not approved: it cannot be put in force.
    page = client.post(
        reverse("programs:standard_step", args=[draft.pk, "in-force"]),
        {"on": today.isoformat()},
        follow=True,
    ).content.decode()
    assert "has not approved cannot be put in force" in page
    _step(client, draft, "send", today - timedelta(days=20))
    _step(client, draft, "approve", today - timedelta(days=2))
    _step(client, draft, "in-force", today)
    draft.refresh_from_db()
    assert (draft.state, draft.sent_on, draft.approved_on, draft.effective_on) == (
        Standard.State.APPROVED,
        today - timedelta(days=20),
        today - timedelta(days=2),
        today,
    )
    # Sent: no more changes to it.
    client.post(reverse("programs:standard_edit", args=[draft.pk]), _form(ojl_hours=2000))
    draft.refresh_from_db()
    assert draft.ojl_hours == 4000

    # Someone who started before keeps version 1; a hire from today is held to version 2.
    before = cohort_enroll(
        application=ApplicationFactory(track=clinical_track),
        cohort=CohortFactory(track=clinical_track, start_date=today - timedelta(days=7)),
        department=None,
        employment_start=today - timedelta(days=7),
        hourly_rate=None,
        enrolled_by=grace,
    )
    after = cohort_enroll(
        application=ApplicationFactory(track=clinical_track),
        cohort=CohortFactory(track=clinical_track, start_date=today + timedelta(days=3)),
        department=None,
        employment_start=today + timedelta(days=3),
        hourly_rate=None,
        enrolled_by=grace,
    )
    assert (before.standard.version, after.standard.version) == (1, 2)

    versions = client.get(reverse("programs:standard_list", args=[clinical_track.pk]))
    text = versions.content.decode()
    assert "Version 1" in text and "Version 2" in text and "in force" in text
    modifications = client.get(reverse("programs:modifications")).content.decode()
    assert "Approved by the registration agency" in modifications


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ojl_hours": 1500}, "at least 2000 on-the-job hours"),
        ({"probation_days": 120}, "at most 91 days"),
        ({"probation_days": "", "probation_ojl_hours": 1200}, "at most 1000 on-the-job hours"),
        ({"probation_ojl_hours": 100}, "in days or in hours, not both"),
        ({"approach": "hybrid", "ojl_hours": 1800}, "range of hours"),
        ({"approach": "nonsense"}, "Select a valid choice"),
        ({"ojl_hours": "2,000"}, "Enter a whole number"),
        ({"term_weeks": 0}, "greater than or equal to 1"),
    ],
)
def test_a_draft_that_breaks_the_rules_is_refused_and_unchanged(
    client, grace, clinical_track, change, message
):
    client.force_login(grace)
    client.post(reverse("programs:standard_draft", args=[clinical_track.pk]))
    draft = clinical_track.standards.get(version=2)
    response = client.post(reverse("programs:standard_edit", args=[draft.pk]), _form(**change))
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.ojl_hours == 2000


@pytest.mark.django_db
def test_interim_credentials_belong_to_competency_based_and_hybrid_standards(
    client, grace, clinical_track
):
    """29 CFR 29.5(b)(16)."""
    client.force_login(grace)
    client.post(reverse("programs:standard_draft", args=[clinical_track.pk]))
    draft = clinical_track.standards.get(version=2)
    add = reverse("programs:credential_add", args=[draft.pk])
    page = client.post(add, {"name": "Rooming", "earned_by": "exam"}, follow=True)
    assert "belong to competency-based and hybrid" in page.content.decode()
    client.post(
        reverse("programs:standard_edit", args=[draft.pk]),
        _form(approach="hybrid", ojl_hours=1800, ojl_hours_max=2200),
    )
    client.post(add, {"name": "Front desk specialist", "earned_by": "exam"})
    credential = InterimCredential.objects.get(standard=draft)
    assert credential.name == "Front desk specialist"
    detail = client.get(reverse("programs:standard_detail", args=[draft.pk])).content.decode()
    assert "Front desk specialist" in detail
    client.post(reverse("programs:credential_remove", args=[draft.pk, credential.pk]))
    assert not InterimCredential.objects.filter(standard=draft).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "fay", "ivy", "ed"])
def test_only_admins_change_a_standard(client, request, who, clinical_track):
    client.force_login(request.getfixturevalue(who))
    standard = clinical_track.standards.get()
    response = client.post(reverse("programs:standard_draft", args=[clinical_track.pk]))
    assert response.status_code == 403
    assert (
        client.post(
            reverse("programs:standard_step", args=[standard.pk, "send"]), {"on": "2026-01-01"}
        ).status_code
        == 403
    )
    assert clinical_track.standards.count() == 1


@pytest.mark.django_db
def test_a_step_that_does_not_exist_is_not_found(client, grace, clinical_track):
    client.force_login(grace)
    standard = clinical_track.standards.get()
    url = reverse("programs:standard_step", args=[standard.pk, "publish"])
    assert client.post(url, {"on": "2026-01-01"}).status_code == 404
    assert (
        client.post(
            reverse("programs:standard_step", args=[standard.pk, "send"]), {"on": "not a date"}
        ).status_code
        == 302
    )
    standard.refresh_from_db()
    assert standard.state == Standard.State.APPROVED


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_modifications_page_keeps_its_query_count(
    client, alice, clinical_track, django_assert_max_num_queries, rows
):
    from tests.factories import StandardFactory

    for _n in range(rows):
        StandardFactory(track=clinical_track, state="draft", approved_on=None, effective_on=None)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("programs:modifications")).status_code == 200
