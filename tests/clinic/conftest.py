from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clinic.models import Competency, WorkProcess
from clinic.services import placement_start
from tests.cohorts.factories import ApprenticeFactory
from tests.factories import DepartmentFactory, UserFactory

PROCESSES = [
    ("Rooming and intake", 500),
    ("Vital signs", 400),
    ("Injections and point-of-care tests", 400),
    ("EHR documentation", 432),
    ("Infection control", 300),
]


@pytest.fixture
def work_processes(clinical_track):
    made = []
    for order, (title, hours) in enumerate(PROCESSES, start=1):
        process = WorkProcess.objects.create(
            track=clinical_track, order=order, title=title, planned_hours=Decimal(hours)
        )
        Competency.objects.create(work_process=process, order=1, title=f"{title}: basics")
        made.append(process)
    return made


@pytest.fixture
def placed_ed(ed_apprentice, cardiology, fay, work_processes):
    """Ed, three weeks into his year, in Cardiology with Fay as preceptor."""
    ed_apprentice.employee_id = "E1001"
    ed_apprentice.save()
    placement_start(
        apprentice=ed_apprentice,
        department=cardiology,
        preceptor=fay,
        starts_on=ed_apprentice.employment_start,
        by=None,
    )
    ed_apprentice.refresh_from_db()
    return ed_apprentice


@pytest.fixture
def pia(program):
    """A preceptor of another department (Oncology)."""
    from accounts.roles import Role

    pia = UserFactory(email="pia@example.org", full_name="Pia Park", roles=[Role.PRECEPTOR])
    oncology = DepartmentFactory(program=program, name="Oncology")
    oncology.preceptors.add(pia)
    return pia


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def other_apprentice(cohort, **kwargs):
    return ApprenticeFactory(cohort=cohort, **kwargs)
