"""scim2-tester (the SCIM RFCs' compliance checker) against /scim/v2/: discovery, and
create, read, replace, patch and delete of Users and Groups."""

import pytest
from scim2_tester import check_server
from scim2_tester.utils import Status

pytestmark = pytest.mark.django_db

FAILED = {Status.ERROR, Status.CRITICAL}


def test_scim2_tester_passes(scim_client):
    scim_client.discover()
    results = check_server(scim_client, raise_exceptions=False)
    failed = [f"{r.title}: {r.reason}" for r in results if r.status in FAILED]
    assert results
    assert failed == [], "\n".join(failed)
