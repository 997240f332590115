"""Every time rule of the product tested on both sides of its boundary, with the boundary
written here as the rule says it (five years, three days, thirty minutes...), not read from the
setting: a wrong default or a wrong cutoff both fail.

Private links (120 days, 30 days once closed, 14 days for approvals, cancel until the session
starts) are in tests/applicants/test_private_links.py; the age rule (18 on the day) in
tests/applicants/test_eligibility_evaluate.py; staff idle sign-out (30 minutes) in
tests/security/test_headers_and_sessions.py.
"""

from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application
from retention.services import retention_purge
from tests.applicants.factories import SubmittedApplicationFactory
from tests.factories import PASSWORD

DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
LOGIN = reverse("accounts:login")


def _years_before(moment: datetime, years: int) -> datetime:
    return moment.replace(year=moment.year - years)


@pytest.mark.django_db
@pytest.mark.parametrize(("offset", "kept"), [(+DAY, True), (-DAY, False)])
def test_retention_purges_five_years_after_the_last_activity_not_before(offset, kept):
    now = timezone.now().replace(month=6, day=15)
    application = SubmittedApplicationFactory(step="not_eligible")
    last_active = _years_before(now, 5) + offset
    Application.objects.filter(pk=application.pk).update(
        created_at=last_active, step_changed_at=last_active
    )
    retention_purge(now=now)
    assert Application.objects.filter(pk=application.pk).exists() is kept


@pytest.mark.django_db
@pytest.mark.parametrize(("age", "valid"), [(3 * DAY - MINUTE, True), (3 * DAY + MINUTE, False)])
def test_an_invitation_or_reset_link_works_three_days(alice, monkeypatch, age, valid):
    made = datetime.now() - age
    monkeypatch.setattr(default_token_generator, "_now", lambda: made)
    token = default_token_generator.make_token(alice)
    monkeypatch.undo()
    assert default_token_generator.check_token(alice, token) is valid


def _fail(client, email, times):
    for _ in range(times):
        client.post(LOGIN, {"username": email, "password": "wrong-password-1"})


@pytest.mark.django_db
def test_four_wrong_passwords_still_let_the_right_one_in(client, alice):
    _fail(client, alice.email, 4)
    client.post(LOGIN, {"username": alice.email, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(alice.pk)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account(client, alice):
    _fail(client, alice.email, 5)
    response = client.post(LOGIN, {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize(("ago", "locked"), [(29 * MINUTE, True), (31 * MINUTE, False)])
def test_a_lockout_lasts_thirty_minutes(client, alice, ago, locked):
    _fail(client, alice.email, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - ago)
    response = client.post(LOGIN, {"username": alice.email, "password": PASSWORD})
    assert (response.status_code == 429) is locked
