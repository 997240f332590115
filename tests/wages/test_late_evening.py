"""At 23:30 program time the server's UTC day is already tomorrow: days are the program's
(timezone.localdate), so a raise earned this evening has waited 0 days, not -1."""

from datetime import datetime, time

import pytest
import time_machine
from django.utils import timezone

from programs.models import WageRate
from wages.selectors import pending_steps, wage_history
from wages.steps import wage_step_trigger


@pytest.mark.django_db
def test_a_raise_earned_at_half_past_eleven_has_waited_no_days(ed_apprentice, schedule):
    evening = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 30)))
    with time_machine.travel(evening, tick=False):
        today = timezone.localdate()
        assert timezone.now().date() != today  # UTC has moved on: the trap this test is about
        step = wage_step_trigger(apprentice=ed_apprentice, trigger=WageRate.Trigger.EXAM, on=today)
        assert step is not None
        (queued,) = pending_steps(today=today)
        assert queued.days_pending == 0
        (own,) = wage_history(apprentice=ed_apprentice, today=today).pending
        assert own.days_pending == 0
