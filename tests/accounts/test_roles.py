import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role


@pytest.mark.django_db
def test_every_role_is_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.django_db
def test_admins_may_change_tracks_and_staff_may_only_view(grace, alice, bob):
    assert grace.has_perm("programs.change_track")
    assert alice.has_perm("programs.view_track")
    assert not alice.has_perm("programs.change_track")
    assert not bob.has_perm("programs.view_track")
