"""An action of a confidential check-in follows the note's visibility: its follow-up reminds
the note's author only, and no reminder, e-mail, digest or activity row says what it is."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reminders import services
from reminders.models import Reminder
from support.models import CheckIn, SupportAction, SupportAssignment

SECRET = "call the shelter hotline about the eviction"


@pytest.fixture
def confidential_action(ed_apprentice, cody, alice):
    SupportAssignment.objects.create(
        apprentice=ed_apprentice,
        person=cody,
        kind="coach",
        starts_on=ed_apprentice.employment_start,
    )
    today = timezone.localdate()
    check_in = CheckIn.objects.create(
        apprentice=ed_apprentice,
        author=alice,
        on=today - timedelta(days=3),
        how="phone",
        notes="Housing trouble",
        confidential=True,
    )
    return SupportAction.objects.create(
        check_in=check_in,
        apprentice=ed_apprentice,
        description=SECRET,
        owner="Alice",
        follow_up_on=today - timedelta(days=1),
    )


@pytest.mark.django_db
def test_only_the_author_is_reminded_and_nothing_says_what(
    confidential_action, cody, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    mine = Reminder.objects.filter(rule="support_follow_up", object_id=confidential_action.pk)
    assert list(mine.values_list("user", flat=True)) == [alice.pk]
    assert not mine.filter(user=cody).exists()
    assert all(SECRET not in r.title for r in Reminder.objects.all())
    assert all(SECRET not in m.body and SECRET not in m.subject for m in mailoutbox)
    assert "confidential" in mine.get().title


@pytest.mark.django_db
def test_an_ordinary_action_still_reminds_the_coach_with_what_it_is(
    confidential_action, cody, django_capture_on_commit_callbacks
):
    CheckIn.objects.update(confidential=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    reminder = Reminder.objects.get(user=cody, object_id=confidential_action.pk)
    assert SECRET in reminder.title
