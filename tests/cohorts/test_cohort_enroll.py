import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from applicants.models import Application
from cohorts.models import Apprentice, ApprenticeEvent
from cohorts.services import CohortFull, cohort_enroll, cohort_next_with_seats
from tests.cohorts.factories import ApplicationFactory, ApprenticeFactory, CohortFactory


def _enrol(application, cohort):
    return cohort_enroll(
        application=application,
        cohort=cohort,
        department=None,
        employment_start=cohort.start_date,
        hourly_rate=None,
        enrolled_by=None,
    )


@pytest.mark.django_db
def test_enrolment_makes_a_pending_registration_apprentice(clinical_track):
    cohort = CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))
    apprentice = _enrol(ApplicationFactory(track=clinical_track), cohort)
    assert apprentice.status == Apprentice.Status.PENDING_REGISTRATION
    # 90 days of probation, 4 January the first (29 CFR 29.5(b)(8)), under version 1.
    assert apprentice.probation_end == date(2027, 4, 3)
    assert apprentice.standard == clinical_track.standards.get(version=1)
    assert ApprenticeEvent.objects.get(apprentice=apprentice).to_status == "pending_registration"


@pytest.mark.django_db
def test_a_full_cohort_refuses_with_a_clear_message(clinical_track):
    cohort = CohortFactory(track=clinical_track, capacity=1)
    ApprenticeFactory(cohort=cohort)
    with pytest.raises(CohortFull, match="is full"):
        _enrol(ApplicationFactory(track=clinical_track), cohort)
    assert Apprentice.objects.count() == 1


@pytest.mark.django_db
def test_a_cancelled_apprentice_frees_the_seat(clinical_track):
    cohort = CohortFactory(track=clinical_track, capacity=1)
    ApprenticeFactory(cohort=cohort, status=Apprentice.Status.CANCELLED)
    assert _enrol(ApplicationFactory(track=clinical_track), cohort).pk


@pytest.mark.django_db
def test_another_tracks_cohort_is_refused(clinical_track):
    from tests.factories import TrackFactory

    other = CohortFactory(track=TrackFactory())
    with pytest.raises(ValidationError, match="another track"):
        _enrol(ApplicationFactory(track=clinical_track), other)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_enrolments_cannot_overbook_the_last_seat(clinical_track):
    cohort = CohortFactory(track=clinical_track, capacity=1)
    applications = [ApplicationFactory(track=clinical_track) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def enrol(application: Application) -> None:
        barrier.wait()
        try:
            _enrol(application, cohort)
            outcomes.append("enrolled")
        except CohortFull:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["enrolled", "full"]
    assert Apprentice.objects.filter(cohort=cohort).count() == 1


@pytest.mark.django_db
def test_the_waitlist_offers_the_next_cohort_with_a_seat(clinical_track):
    january = CohortFactory(track=clinical_track, start_date=date(2027, 1, 4), capacity=1)
    february = CohortFactory(track=clinical_track, start_date=date(2027, 2, 1), capacity=1)
    march = CohortFactory(track=clinical_track, start_date=date(2027, 3, 1), capacity=1)
    ApprenticeFactory(cohort=january)
    ApprenticeFactory(cohort=february)
    assert cohort_next_with_seats(track=clinical_track, after=date(2026, 12, 31)) == march


@pytest.mark.django_db
def test_an_enrolment_opens_the_first_placement_and_records_the_hire_rate(
    clinical_track, cardiology, grace
):
    """The writes made by apprentice_enrolled's receivers (cohorts/signals.py), tested where
    the signal is declared: a placement in the hiring department from the first day, and the
    hire rate as the first wage step, approved."""
    from decimal import Decimal

    from clinic.models import Placement
    from programs.models import WageRate
    from programs.services import wage_schedule_save
    from wages.models import WageStep

    wage_schedule_save(
        track=clinical_track,
        rates=[(WageRate.Trigger.HIRE, None, Decimal("18.50"))],
        note="2027",
        by=grace,
    )
    cohort = CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))
    apprentice = cohort_enroll(
        application=ApplicationFactory(track=clinical_track),
        cohort=cohort,
        department=cardiology,
        employment_start=cohort.start_date,
        hourly_rate=Decimal("18.75"),
        enrolled_by=grace,
    )
    placement = Placement.objects.get(apprentice=apprentice)
    assert (placement.department, placement.starts_on) == (cardiology, date(2027, 1, 4))
    step = WageStep.objects.get(apprentice=apprentice)
    assert step.trigger == "hire" and step.hourly_rate == Decimal("18.75")


@pytest.mark.django_db
def test_no_enrolment_before_the_agency_approved_a_standard(program):
    """29 CFR 29.5: apprentices are registered under standards the agency approved; a new
    track with only a draft takes no one yet."""
    from django.core.exceptions import ValidationError

    from tests.factories import StandardFactory, TrackFactory

    track = TrackFactory(program=program, standard=False)
    StandardFactory(track=track, state="draft", approved_on=None, effective_on=None)
    cohort = CohortFactory(track=track, start_date=date(2027, 1, 4))
    with pytest.raises(ValidationError, match="no standard approved"):
        _enrol(ApplicationFactory(track=track), cohort)
    assert not Apprentice.objects.filter(cohort=cohort).exists()
