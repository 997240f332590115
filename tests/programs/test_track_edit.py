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
        "is_active": "on",
    }
    return {**data, **change}


def url(track):
    return reverse("programs:track_edit", args=[track.pk])


@pytest.mark.django_db
def test_admin_changes_the_certification(client, grace, clinical_track):
    client.force_login(grace)
    response = client.post(url(clinical_track), form(clinical_track, certification_name="RMA"))
    assert response.status_code == 302
    clinical_track.refresh_from_db()
    assert clinical_track.certification_name == "RMA"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        ({"onet_code": "319092"}, "Use the O*NET-SOC form"),
        ({"slug": "not a slug"}, "Enter a valid"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(client, grace, clinical_track, change, message):
    client.force_login(grace)
    response = client.post(url(clinical_track), form(clinical_track, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    clinical_track.refresh_from_db()
    assert clinical_track.onet_code == "31-9092.00"


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
    track = Track.objects.get(slug="maa")
    assert track.onet_code == "43-6013.00"
    # A new track starts with a draft of its standard to set out and send to the agency.
    draft = track.standards.get()
    assert draft.state == "draft"
    assert response["Location"] == reverse("programs:standard_edit", args=[draft.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "fay", "ivy", "ed"])
def test_only_admins_edit_tracks(client, request, who, clinical_track):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(clinical_track), form(clinical_track, name="Renamed")).status_code == 403
    clinical_track.refresh_from_db()
    assert clinical_track.name != "Renamed"


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
    with django_assert_max_num_queries(8):  # the standards of every track in one query
        assert client.get(reverse("programs:track_list")).status_code == 200
