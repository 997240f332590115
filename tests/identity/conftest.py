from datetime import timedelta

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from scim2_client.engines.wsgi import WSGISCIMClient

from api.tokens import token_create
from identity.models import GroupRole


@pytest.fixture
def scim_key(grace):
    _token, key = token_create(
        name="Institution directory",
        scopes=["scim"],
        expires_at=timezone.now() + timedelta(days=30),
        by=grace,
    )
    return key


@pytest.fixture
def scim_client(scim_key):
    """A SCIM client calling the WSGI application in this process; the connection stays open
    between requests (as Django's test client keeps it) so the test's transaction holds."""
    request_finished.disconnect(close_old_connections)
    request_started.disconnect(close_old_connections)
    yield WSGISCIMClient(
        get_wsgi_application(),
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim_key}"},
    )
    request_finished.connect(close_old_connections)
    request_started.connect(close_old_connections)


@pytest.fixture
def group_roles(grace):
    """The demo's mapping: the provider's group names to roles here."""
    for group, role in [
        ("program-admins", "program_admin"),
        ("program-staff", "program_staff"),
        ("preceptors", "preceptor"),
        ("apprentices", "apprentice"),
        ("Nursing Preceptors", "preceptor"),
    ]:
        GroupRole.objects.create(group=group, role=role, created_by=grace)
