import copy
import json
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from scim2_client.engines.wsgi import WSGISCIMClient

from api.tokens import token_create
from devsso.users import CLIENT_ID, CLIENT_SECRET
from identity.models import GroupRole
from tests.clock import python_travelling

ROOT = Path(__file__).resolve().parents[2]


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


# --- a real OpenID Connect provider (devsso, django-oauth-toolkit) in its own process -----


@dataclass(frozen=True)
class Provider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def control(self, **values) -> None:
        """Change how the provider answers from now on (groups, amr, tamper, audience)."""
        request = urllib.request.Request(
            f"{self.url}/control/",
            data=json.dumps(values).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    port = _free_port()
    # On the suite's clock, as the app is: the ID token's iat and exp are checked against it.
    process = subprocess.Popen(
        python_travelling(
            [
                "devsso",
                "--port",
                str(port),
                "--redirect",
                live_server.url,
                "--data-dir",
                str(tmp_path_factory.mktemp("devsso")),
            ]
        ),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    provider = Provider(url=f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(
                f"{provider.issuer}/.well-known/openid-configuration", timeout=2
            ):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("The local OpenID Connect provider (python -m devsso) did not start.")
            time.sleep(0.3)
    yield provider
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, live_server, oidc_provider):
    """Single sign-on configured against the local provider, behaving normally."""
    settings.SITE_URL = live_server.url
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_SCOPES = "openid email profile groups"
    settings.OIDC_PROVIDER_NAME = "Demo Health"
    settings.SSO_ENABLED = True
    settings.SSO_REQUIRED_DOMAINS = ["example.org"]
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(oidc_provider.url)
    settings.CONTENT_SECURITY_POLICY = policy
    oidc_provider.control(tamper=False, audience=None, groups={}, amr={})
    return oidc_provider


@pytest.fixture
def make_scim_token(grace):
    def make(*scopes):
        return token_create(
            name=f"Directory {'-'.join(scopes)}",
            scopes=list(scopes),
            expires_at=timezone.now() + timedelta(days=30),
            by=grace,
        )[1]

    return make
