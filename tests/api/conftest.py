from datetime import timedelta

import pytest
from django.utils import timezone

from api.tokens import token_create
from clinic.models import PayrollMapping, WorkProcess
from clinic.services import placement_start
from tests.cohorts.factories import ApprenticeFactory


@pytest.fixture
def kronos(program):
    return PayrollMapping.objects.create(
        program=program,
        name="Kronos",
        employee_id_column="Employee ID",
        date_column="Date",
        hours_column="Hours",
        lands_as=PayrollMapping.LandsAs.APPROVED,
    )


@pytest.fixture
def make_token(grace):
    def make(*scopes, departments=(), tracks=(), mapping=None, name="Kronos timekeeping"):
        return token_create(
            name=name,
            scopes=list(scopes),
            departments=departments,
            tracks=tracks,
            mapping=mapping,
            expires_at=timezone.now() + timedelta(days=30),
            by=grace,
        )

    return make


@pytest.fixture
def api():
    """A Django test client speaking the API with a token."""
    from django.test import Client

    class Api(Client):
        def as_token(self, key):
            self.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
            return self

    return Api()


@pytest.fixture
def ward(cohort, cardiology, pediatrics, fay, clinical_track):
    """Ed in Cardiology (employee id E100), Pia in Pediatrics (E200), with a work process."""
    pediatrics.preceptors.add(fay)
    WorkProcess.objects.create(track=clinical_track, title="Vital signs", planned_hours=400)
    ed = ApprenticeFactory(cohort=cohort, employee_id="E100", person__first_name="Ed")
    pia = ApprenticeFactory(cohort=cohort, employee_id="E200", person__first_name="Pia")
    for apprentice, department in ((ed, cardiology), (pia, pediatrics)):
        placement_start(
            apprentice=apprentice,
            department=department,
            preceptor=fay,
            starts_on=apprentice.employment_start,
            by=None,
        )
        apprentice.refresh_from_db()
    return ed, pia
