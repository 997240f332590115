import pytest
from django.urls import reverse

from programs.models import Track


def form(track, **change):
    data = {
        "program": track.program_id,
        "name": track.name,
        "slug": track.slug,
        "kind": track.kind,
        "description": "",
        "onet_code": "31-9092.00",
        "rapids_occupation_code": "1090CB",
        "certification_name": "CCMA",
        "term_weeks": 52,
        "rti_weeks": 12,
        "planned_rti_hours": 48,
        "planned_ojl_hours": 2000,
        "probation_days": 90,
        "is_active": "on",
    }
    return {**data, **change}


def url(track):
    return reverse("programs:track_edit", args=[track.pk])


@pytest.mark.django_db
def test_admin_changes_the_planned_hours(client, grace, clinical_track):
    client.force_login(grace)
    response = client.post(url(clinical_track), form(clinical_track, planned_ojl_hours=2080))
    assert response.status_code == 302
    clinical_track.refresh_from_db()
    assert clinical_track.planned_ojl_hours == 2080


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        ({"onet_code": "319092"}, "Use the O*NET-SOC form"),
        ({"probation_days": 92}, "Probation can be at most 91 days"),
        ({"rti_weeks": 60}, "Classroom weeks cannot exceed the term"),
        ({"planned_ojl_hours": 0}, "greater than or equal to 1"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(client, grace, clinical_track, change, message):
    client.force_login(grace)
    response = client.post(url(clinical_track), form(clinical_track, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    clinical_track.refresh_from_db()
    assert clinical_track.onet_code == "31-9092.00"
    assert clinical_track.probation_days == 90


@pytest.mark.django_db
def test_admin_creates_a_track(client, grace, clinical_track):
    client.force_login(grace)
    response = client.post(
        reverse("programs:track_create"),
        form(
            clinical_track,
            name="Medical Administrative Assistant",
            slug="maa",
            kind=Track.Kind.ADMINISTRATIVE,
            onet_code="43-6013.00",
        ),
    )
    assert response.status_code == 302
    assert Track.objects.get(slug="maa").onet_code == "43-6013.00"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "fay", "ivy", "ed"])
def test_only_admins_edit_tracks(client, request, who, clinical_track):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.post(url(clinical_track), form(clinical_track, planned_ojl_hours=1)).status_code
        == 403
    )
    clinical_track.refresh_from_db()
    assert clinical_track.planned_ojl_hours == 2000


@pytest.mark.django_db
def test_staff_list_tracks_but_others_cannot(client, alice, bob, clinical_track):
    client.force_login(alice)
    assert clinical_track.name in client.get(reverse("programs:track_list")).content.decode()
    client.force_login(bob)
    assert client.get(reverse("programs:track_list")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_track_list_query_count_is_constant(
    client, alice, program, django_assert_max_num_queries, rows
):
    from tests.factories import TrackFactory

    TrackFactory.create_batch(rows, program=program)
    client.force_login(alice)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("programs:track_list")).status_code == 200
