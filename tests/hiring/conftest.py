import pytest

from tests.clock import first_monday
from tests.cohorts.factories import CohortFactory
from tests.hiring.factories import ReleaseFactory, RequisitionFactory, ready_for_hire


@pytest.fixture
def january(clinical_track, today):
    """The cohort starting next month (named for the month the tests were written in)."""
    return CohortFactory(track=clinical_track, start_date=first_monday(today, 2), capacity=10)


@pytest.fixture
def cardiology_requisition(cardiology, clinical_track, january):
    return RequisitionFactory(department=cardiology, track=clinical_track, cohort=january)


@pytest.fixture
def pediatrics_requisition(pediatrics, clinical_track, january):
    return RequisitionFactory(department=pediatrics, track=clinical_track, cohort=january)


@pytest.fixture
def rosa_release(cardiology_requisition, clinical_track):
    application = ready_for_hire(
        clinical_track, person__first_name="Rosa", person__last_name="Diaz"
    )
    return ReleaseFactory(requisition=cardiology_requisition, application=application)


@pytest.fixture
def pediatrics_release(pediatrics_requisition, clinical_track):
    return ReleaseFactory(
        requisition=pediatrics_requisition, application=ready_for_hire(clinical_track)
    )
