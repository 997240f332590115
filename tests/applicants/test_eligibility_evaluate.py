from datetime import date

import pytest

from applicants.models import Application, EligibilityRules, TestResult
from applicants.services import eligibility_evaluate
from tests.applicants.factories import SubmittedApplicationFactory

TODAY = date(2026, 11, 24)


def _results(application, **rules):
    return {
        r["rule"]: r
        for r in eligibility_evaluate(
            application=application, rules=EligibilityRules(**rules), today=TODAY
        )
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "born, passed",
    [(date(2008, 11, 24), True), (date(2008, 11, 25), False), (date(1970, 1, 1), True)],
)
def test_age_18_on_the_day(clinical_track, born, passed):
    application = SubmittedApplicationFactory(track=clinical_track, person__date_of_birth=born)
    assert _results(application)["age"]["passed"] is passed


@pytest.mark.django_db
@pytest.mark.parametrize("months, passed", [(23, False), (24, True), (25, True)])
def test_24_months_of_healthcare_experience(clinical_track, months, passed):
    application = SubmittedApplicationFactory(track=clinical_track, healthcare_months=months)
    assert _results(application)["experience"]["passed"] is passed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "education, passed",
    [
        (Application.Education.HIGH_SCHOOL, True),
        (Application.Education.GED, True),
        (Application.Education.NONE, False),
    ],
)
def test_high_school_diploma_or_equivalent(clinical_track, education, passed):
    application = SubmittedApplicationFactory(track=clinical_track, education=education)
    assert _results(application)["education"]["passed"] is passed


@pytest.mark.django_db
@pytest.mark.parametrize("wpm, passed", [(29, False), (30, True)])
def test_typing_30_wpm_once_tested(clinical_track, wpm, passed):
    application = SubmittedApplicationFactory(track=clinical_track)
    assert "typing" not in _results(application)
    TestResult.objects.create(
        application=application, kind="typing_wpm", value=wpm, tested_on=TODAY
    )
    assert _results(application)["typing"]["passed"] is passed


@pytest.mark.django_db
@pytest.mark.parametrize("level, passed", [(2, False), (3, True)])
def test_workkeys_3_is_a_preference_not_a_gate(clinical_track, level, passed):
    application = SubmittedApplicationFactory(track=clinical_track)
    TestResult.objects.create(
        application=application, kind="workkeys_applied_math", value=level, tested_on=TODAY
    )
    result = _results(application)["workkeys_applied_math"]
    assert result["passed"] is passed and result["gate"] is False


@pytest.mark.django_db
def test_thresholds_are_program_settings(clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, healthcare_months=12)
    assert _results(application, minimum_healthcare_months=12)["experience"]["passed"]


@pytest.mark.django_db
def test_the_reasons_are_said_in_the_readers_language(clinical_track):
    """Stored as the rule and its figures: a Spanish reader reads them in Spanish."""
    from django.utils import translation

    from applicants.eligibility import reasons_failed

    application = SubmittedApplicationFactory(
        track=clinical_track, healthcare_months=6, person__date_of_birth=date(2010, 1, 1)
    )
    results = list(_results(application).values())
    assert len(results) >= 3 and all("reason" not in r for r in results)  # no frozen sentence
    with translation.override("en"):
        english = reasons_failed(results)
    with translation.override("es"):
        spanish = reasons_failed(results)
    assert "16 years old; the program needs 18 or older." in english
    assert "16 años de edad; el programa requiere 18 o más." in spanish
    assert "6 meses de experiencia en el cuidado de la salud; se necesitan 24." in spanish


def test_a_result_stored_before_the_figures_keeps_its_sentence():
    from applicants.eligibility import reason

    old = {"rule": "age", "passed": False, "gate": True, "reason": "Date of birth is missing."}
    assert reason(old) == "Date of birth is missing."
