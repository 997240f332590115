import pytest
from django.urls import reverse
from django.utils import timezone

URL = reverse("dashboard:home")


@pytest.mark.django_db
def test_visitors_see_the_public_landing_page_with_tracks(client, clinical_track):
    page = client.get(URL).content.decode()
    assert clinical_track.name in page
    assert "sign in" in page


@pytest.mark.django_db
def test_staff_see_real_counts(client, alice, cardiology, pediatrics, clinical_track):
    client.force_login(alice)
    summary = client.get(URL).context["summary"]
    assert summary["departments"] == {"active": 2, "total": 2}
    assert summary["tracks"] == {"active": 1, "total": 1}
    assert ("Hiring manager", 2) in summary["people_by_role"]


@pytest.mark.django_db
def test_a_hiring_manager_sees_their_departments_and_no_program_counts(
    client, bob, cardiology, pediatrics
):
    client.force_login(bob)
    response = client.get(URL)
    assert "summary" not in response.context
    page = response.content.decode()
    assert "Cardiology" in page and "Pediatrics" not in page


@pytest.mark.django_db
def test_an_apprentice_sees_their_home_without_staff_navigation(client, ed):
    client.force_login(ed)
    page = client.get(URL).content.decode()
    assert "Welcome, Ed" in page
    assert reverse("accounts:user_list") not in page


@pytest.mark.django_db
def test_unknown_pages_get_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


@pytest.mark.django_db
def test_staff_see_apprentices_below_classroom_pace(client, alice, cohort, ed_apprentice):
    from classroom.models import Attendance

    for session in cohort.sessions.filter(date__lt=timezone.localdate()):
        Attendance.objects.create(session=session, apprentice=ed_apprentice, status="absent")
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["classroom"]["at_risk_count"] == 1
    assert "Ed Evans" in response.content.decode()


@pytest.mark.django_db
def test_an_instructor_sees_todays_classes(client, ivy, todays_session):
    client.force_login(ivy)
    assert list(client.get(URL).context["todays_classes"]) == [todays_session]


@pytest.mark.django_db
def test_a_hiring_manager_sees_their_requisitions(
    client, bob, cardiology, pediatrics, clinical_track
):
    from datetime import date

    from tests.cohorts.factories import CohortFactory
    from tests.hiring.factories import RequisitionFactory

    cohort = CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))
    mine = RequisitionFactory(department=cardiology, track=clinical_track, cohort=cohort)
    RequisitionFactory(department=pediatrics, track=clinical_track, cohort=cohort)
    client.force_login(bob)
    assert list(client.get(URL).context["requisitions"]) == [mine]


@pytest.mark.django_db
def test_the_at_risk_sweep_in_sql_agrees_with_the_rule_row_by_row(cohort):
    """The staff home counts in SQL; the roster's RtiProgress.at_risk is the rule. Every mix
    of present, late (partial hours), absent and not yet marked gives the same answer."""
    from classroom.models import Attendance
    from classroom.selectors import apprentices_with_rti, at_risk_summary
    from cohorts.models import Apprentice
    from tests.cohorts.factories import ApprenticeFactory

    today = timezone.localdate()
    past = list(cohort.sessions.filter(date__lt=today, kind="regular").order_by("date"))
    patterns = [
        ["present"] * len(past),
        ["absent"] + ["present"] * (len(past) - 1),
        ["absent", "absent"] + ["present"] * (len(past) - 2),
        ["late"] * len(past),
        [],
        ["present"],
    ]
    for pattern in patterns:
        apprentice = ApprenticeFactory(cohort=cohort)
        for session, status in zip(past, pattern, strict=False):
            hours = {"present": session.hours, "late": session.hours * 3 / 4}.get(status, 0)
            Attendance.objects.create(
                session=session, apprentice=apprentice, status=status, hours_credited=hours
            )
    rule = {
        a.pk for a in apprentices_with_rti(Apprentice.objects.current(), today) if a.rti.at_risk
    }
    shown, count = at_risk_summary(today=today, limit=100)
    assert {a.pk for a in shown} == rule and count == len(rule)
    assert 0 < len(rule) < len(patterns)
    gaps = [a.rti.attended - a.rti.planned_to_date for a in shown]
    assert gaps == sorted(gaps)  # furthest behind first


@pytest.mark.django_db
def test_an_apprentice_s_home_asks_for_their_signature_until_they_sign(
    client, ed, ed_apprentice, grace, alice
):
    from tests.progress import sign_the_agreement
    from wages.agreements import agreement_prepare

    client.force_login(ed)
    assert "ready to sign" not in client.get(URL).content.decode()  # nothing prepared yet
    agreement_prepare(apprentice=ed_apprentice, by=grace)
    page = client.get(URL).content.decode()
    assert "Your apprenticeship agreement is ready to sign" in page
    assert reverse("wages:my_agreement") in page
    sign_the_agreement(ed_apprentice, grace)
    assert "ready to sign" not in client.get(URL).content.decode()
    agreement_prepare(apprentice=ed_apprentice, by=alice, reason="Term extended to June")
    page = client.get(URL).content.decode()
    assert "An amendment of your apprenticeship agreement is ready to sign" in page
    assert "What it changes: Term extended to June." in page
