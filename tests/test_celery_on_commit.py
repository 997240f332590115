"""A task queued by a view or service runs only after its transaction commits."""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_invite


@pytest.mark.django_db(transaction=True)
def test_the_invitation_goes_after_commit_and_not_before(grace, mailoutbox):
    with transaction.atomic():
        user_invite(email="n@example.org", full_name="N", roles=[Role.COACH], invited_by=grace)
        assert mailoutbox == []  # still inside the transaction: nothing sent yet
    assert len(mailoutbox) == 1
    assert User.objects.get(email="n@example.org").invitation_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_transaction_rolls_back(grace, mailoutbox):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        user_invite(email="n@example.org", full_name="N", roles=[Role.COACH], invited_by=grace)
        raise Abort
    assert mailoutbox == []
    assert not User.objects.filter(email="n@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_a_view_queues_the_task_on_commit(client, grace, mailoutbox):
    client.force_login(grace)
    client.post(
        reverse("accounts:user_invite"),
        {
            "full_name": "N",
            "email": "n@example.org",
            "roles": [Role.COACH],
            "preferred_language": "en",
        },
    )
    assert len(mailoutbox) == 1


def test_the_celery_app_uses_json_and_late_acks():
    from apprenticeship.celery import app

    # What a worker does at start: import the modules autodiscovery names (every app's tasks),
    # so the check does not depend on another test having imported a tasks module first.
    app.loader.import_default_modules()
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    for task in (
        "accounts.tasks.send_invitation",
        "notifications.tasks.send_outbound_email",
        "retention.tasks.purge_expired_records",
        "wages.tasks.end_probations",
    ):
        assert task in app.tasks
