from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clinic.models import HoursAdjustment, WorkProcess
from programs.models import WageRate
from programs.services import wage_schedule_save
from wages.models import CertificationExam

Trigger = WageRate.Trigger


@pytest.fixture
def schedule(clinical_track, grace):
    """Hire $18.50, exam $20.00, 1,000 hours $20.50, completion $21.25; biweekly pay from a
    Sunday long ago."""
    program = clinical_track.program
    program.pay_period_start, program.pay_period_days = date(2026, 1, 4), 14
    program.save()
    return wage_schedule_save(
        track=clinical_track,
        rates=[
            (Trigger.HIRE, None, Decimal("18.50")),
            (Trigger.EXAM, None, Decimal("20.00")),
            (Trigger.HOURS, 1000, Decimal("20.50")),
            (Trigger.COMPLETION, None, Decimal("21.25")),
        ],
        note="2026",
        by=grace,
    )


@pytest.fixture
def exam(clinical_track):
    return CertificationExam.objects.create(
        track=clinical_track, name="CCMA (NHA)", pass_mark=70, max_score=100, retake_wait_days=30
    )


@pytest.fixture
def work_process(clinical_track):
    return WorkProcess.objects.create(
        track=clinical_track, title="Patient intake", planned_hours=2000, order=1
    )


@pytest.fixture
def add_hours(work_process, alice):
    def add(apprentice, hours):
        return HoursAdjustment.objects.create(
            apprentice=apprentice,
            work_process=work_process,
            day=timezone.localdate() - timedelta(days=1),
            hours=Decimal(hours),
            reason="test",
            by=alice,
        )

    return add
