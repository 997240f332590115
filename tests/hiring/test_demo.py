from datetime import date

import pytest
from django.utils import timezone

from dashboard.demo import seed_organisation
from hiring import demo
from hiring.models import Offer, Release, Requisition
from programs.models import Track
from tests.cohorts.factories import CohortFactory
from tests.hiring.factories import ready_for_hire


@pytest.mark.django_db
def test_the_demo_shows_every_hiring_stage_and_runs_twice(django_capture_on_commit_callbacks):
    users = seed_organisation()
    track = Track.objects.get(kind="clinical")
    today = timezone.localdate()
    CohortFactory(track=track, start_date=date(today.year + 1, 1, 4))
    for _ in range(6):
        ready_for_hire(track)
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(users)
        demo.seed(users)
    assert Requisition.objects.count() == 2
    statuses = set(Release.objects.values_list("status", flat=True))
    assert {"accepted", "offered", "declined", "released"} <= statuses
    assert Offer.objects.get(answer="declined").decline_reason
