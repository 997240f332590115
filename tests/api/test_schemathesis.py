"""schemathesis against /api/v1/: every operation with generated input, as a token with every
scope; never a 500, every answer documented and matching the OpenAPI document."""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from api.models import Scope
from api.tokens import token_create


@pytest.fixture
def app_in_test_transaction(db):
    """The app in process, in the test's transaction: as Django's test client does, the
    request signals must not close the test's connection."""
    from apprenticeship.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db
def test_every_operation_keeps_to_its_description(app_in_test_transaction, grace, ward, kronos):
    _token, key = token_create(
        name="Everything",
        scopes=list(Scope.values),
        mapping=kronos,
        expires_at=timezone.now() + timedelta(days=1),
        by=grace,
    )
    operations = _operations(app_in_test_transaction)
    assert len(operations) >= 11  # every list, record, and both writes
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # A cursor is opaque, made by the server: a made-up one is refused (404), which
            # is right, so "schema-valid input accepted" is not asked of it.
            case.call_and_validate(
                headers={"Authorization": f"Bearer {key}"},
                excluded_checks=[positive_data_acceptance],
            )

        check()
