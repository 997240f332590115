"""Coaches see their apprentices only; check-ins with barriers and follow-ups; confidential
notes for their author and program admins only; one survey answer per apprentice."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import PersonalDataAccess
from support.models import CheckIn, SupportAction, SurveyResponse
from support.services import check_in_record
from tests.cohorts.factories import ApprenticeFactory
from tests.factories import UserFactory


def _check_in(client, apprentice, **extra):
    data = {
        "on": timezone.localdate().isoformat(),
        "how": "phone",
        "notes": "Bus route changed; late twice this week.",
        **extra,
    }
    return client.post(reverse("support:apprentice", args=[apprentice.pk]), data, follow=True)


@pytest.mark.django_db
def test_a_coach_logs_a_check_in_with_a_barrier_and_a_follow_up(
    client, cody, coached_ed, transportation
):
    client.force_login(cody)
    follow_up = timezone.localdate() + timedelta(days=7)
    page = _check_in(
        client,
        coached_ed,
        barriers=[transportation.pk],
        action="Apply for the transit pass",
        action_owner="Ed",
        follow_up_on=follow_up.isoformat(),
    ).content.decode()
    assert "Check-in saved." in page and "Apply for the transit pass" in page
    check_in = CheckIn.objects.get()
    assert list(check_in.barriers.all()) == [transportation]
    assert SupportAction.objects.get().follow_up_on == follow_up
    assert PersonalDataAccess.objects.filter(actor=cody, action="change").exists()


@pytest.mark.django_db
def test_an_action_needs_a_follow_up_date(client, cody, coached_ed):
    client.force_login(cody)
    page = _check_in(client, coached_ed, action="Call childcare").content.decode()
    assert "An action needs a follow-up date." in page
    assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_a_coach_of_another_apprentice_gets_404(client, coached_ed, cohort):
    other_coach = UserFactory(email="cora@example.org", roles=[Role.COACH])
    client.force_login(other_coach)
    assert client.get(reverse("support:apprentice", args=[coached_ed.pk])).status_code == 404
    assert _check_in(client, coached_ed).status_code == 404
    assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_the_caseload_puts_who_needs_attention_first(client, cody, coached_ed, cohort):
    calm = ApprenticeFactory(cohort=cohort, person__last_name="Aaron")
    from support.models import SupportAssignment

    SupportAssignment.objects.create(
        apprentice=calm, person=cody, kind="coach", starts_on=calm.employment_start
    )
    check_in_record(
        apprentice=calm,
        author=cody,
        on=timezone.localdate(),
        how="phone",
        notes="",
        confidential=False,
        barriers=[],
    )
    client.force_login(cody)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert page.index("Ed Evans") < page.index("Aaron")
    assert "no check-in for 30 days" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reader", "sees"),
    [
        ("cody", True),  # the author
        ("grace", True),  # program admin
        ("alice", False),  # program staff, not admin
        ("fay", False),
        ("bob", False),
        ("ivy", False),
        ("ed", False),
    ],
)
def test_a_confidential_note_is_read_by_its_author_and_admins_only(
    client, request, cody, coached_ed, reader, sees
):
    check_in_record(
        apprentice=coached_ed,
        author=cody,
        on=timezone.localdate(),
        how="in_person",
        notes="Talked about a custody hearing next month.",
        confidential=True,
        barriers=[],
    )
    client.force_login(request.getfixturevalue(reader))
    response = client.get(reverse("support:apprentice", args=[coached_ed.pk]))
    assert ("custody hearing" in response.content.decode()) is sees


@pytest.mark.django_db
@pytest.mark.parametrize(("reader", "sees"), [("alice", True), ("fay", False), ("bob", False)])
def test_an_ordinary_note_is_for_coaches_and_staff_only(
    client, request, cody, coached_ed, reader, sees
):
    check_in_record(
        apprentice=coached_ed,
        author=cody,
        on=timezone.localdate(),
        how="phone",
        notes="Doing well, wants more EHR practice.",
        confidential=False,
        barriers=[],
    )
    client.force_login(request.getfixturevalue(reader))
    response = client.get(reverse("support:apprentice", args=[coached_ed.pk]))
    assert ("EHR practice" in response.content.decode()) is sees


@pytest.mark.django_db
def test_one_survey_answer_per_apprentice(client, ed, coached_ed, week_4_survey):
    coached_ed.employment_start = timezone.localdate() - timedelta(weeks=5)
    coached_ed.save()
    q1, q2, q3 = week_4_survey.questions.all()
    client.force_login(ed)
    assert "Answer the survey" in client.get(reverse("support:my_support")).content.decode()
    url = reverse("support:my_survey", args=[week_4_survey.pk])
    data = {f"q_{q1.pk}": "4", f"q_{q2.pk}": "5", f"q_{q3.pk}": "More EHR time"}
    client.post(url, data)
    assert client.post(url, data).status_code == 404  # no longer due
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_a_survey_before_week_4_is_not_due(client, ed, coached_ed, week_4_survey):
    coached_ed.employment_start = timezone.localdate() - timedelta(weeks=3, days=6)
    coached_ed.save()
    client.force_login(ed)
    url = reverse("support:my_survey", args=[week_4_survey.pk])
    assert client.get(url).status_code == 404
    coached_ed.employment_start -= timedelta(days=1)
    coached_ed.save()
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_free_text_is_hidden_under_five_answers(client, alice, cohort, week_4_survey):
    from support.services import survey_answer

    q1, q2, q3 = week_4_survey.questions.all()
    for n in range(5):
        apprentice = ApprenticeFactory(cohort=cohort)
        survey_answer(
            survey=week_4_survey,
            apprentice=apprentice,
            answers={q1.pk: 4, q2.pk: 3, q3.pk: f"Comment number {n}"},
        )
        client.force_login(alice)
        page = client.get(reverse("support:survey_results")).content.decode()
        assert ("Comment number 0" in page) is (n == 4)
    assert "3.0" in page and "4.0" in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ivy", "ed", "dana"])
def test_other_roles_cannot_open_a_support_page(client, request, who, coached_ed):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("support:apprentice", args=[coached_ed.pk])).status_code == 403
    assert client.get(reverse("support:caseload")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_caseload_query_count_does_not_grow(
    client, cody, cohort, django_assert_max_num_queries, rows
):
    from support.models import SupportAssignment

    for _ in range(rows):
        apprentice = ApprenticeFactory(cohort=cohort)
        SupportAssignment.objects.create(
            apprentice=apprentice, person=cody, kind="coach", starts_on=apprentice.employment_start
        )
    client.force_login(cody)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("support:caseload")).status_code == 200


@pytest.mark.django_db
def test_a_confidential_notes_action_is_as_confidential_as_the_note(
    client, cody, alice, coached_ed
):
    check_in_record(
        apprentice=coached_ed,
        author=cody,
        on=timezone.localdate(),
        how="in_person",
        notes="Private matter",
        confidential=True,
        barriers=[],
        action="Call the shelter about housing",
        action_owner="Cody",
        follow_up_on=timezone.localdate(),
    )
    client.force_login(alice)
    page = client.get(reverse("support:apprentice", args=[coached_ed.pk])).content.decode()
    assert "Call the shelter" not in page
    client.force_login(cody)
    page = client.get(reverse("support:apprentice", args=[coached_ed.pk])).content.decode()
    assert "Call the shelter" in page


@pytest.mark.django_db
def test_a_cohort_with_fewer_than_five_answers_shows_no_scores(
    client, alice, cohort, week_4_survey
):
    from support.services import survey_answer

    q1, q2, _q3 = week_4_survey.questions.all()
    survey_answer(
        survey=week_4_survey,
        apprentice=ApprenticeFactory(cohort=cohort),
        answers={q1.pk: 1, q2.pk: 2},
    )
    client.force_login(alice)
    page = client.get(reverse("support:survey_results"), {"cohort": cohort.pk}).content.decode()
    assert "Results appear once 5 people have answered" in page
    assert "1.0" not in page and "2.0" not in page


@pytest.mark.django_db
def test_the_caseload_flags_an_exam_coming_and_an_exam_failed(client, cody, coached_ed, alice):
    from wages.models import CertificationExam, ExamAttempt
    from wages.services import exam_result_record

    exam = CertificationExam.objects.create(
        track=coached_ed.cohort.track, name="CCMA", pass_mark=70, retake_wait_days=30
    )
    attempt = ExamAttempt.objects.create(
        apprentice=coached_ed, exam=exam, scheduled_on=timezone.localdate() + timedelta(days=14)
    )
    client.force_login(cody)
    assert "exam in the next two weeks" in client.get(reverse("support:caseload")).content.decode()
    ExamAttempt.objects.filter(pk=attempt.pk).update(scheduled_on=timezone.localdate())
    attempt.refresh_from_db()
    exam_result_record(attempt=attempt, score=50, by=alice)
    page = client.get(reverse("support:caseload")).content.decode()
    assert "exam not passed yet" in page and "exam in the next two weeks" not in page


@pytest.mark.django_db
def test_a_coach_assigned_from_tomorrow_takes_over_tomorrow(client, coached_ed, cody, alice):
    """Access follows the assignment's dates: today the old coach still has the apprentice and
    the new one gets 404; tomorrow it is the other way round."""
    from datetime import datetime, time, timedelta

    import time_machine
    from django.utils import timezone

    from accounts.roles import Role
    from support.services import supporter_assign
    from tests.factories import UserFactory

    nora = UserFactory(email="nora@example.org", full_name="Nora New", roles=[Role.COACH])
    tomorrow = timezone.localdate() + timedelta(days=1)
    supporter_assign(apprentice=coached_ed, person=nora, kind="coach", starts_on=tomorrow, by=alice)
    url = reverse("support:apprentice", args=[coached_ed.pk])
    client.force_login(nora)
    assert client.get(url).status_code == 404
    client.force_login(cody)
    assert client.get(url).status_code == 200
    with time_machine.travel(timezone.make_aware(datetime.combine(tomorrow, time(9))), tick=False):
        client.force_login(cody)  # a new day's session (idle sessions end)
        assert client.get(url).status_code == 404
        client.force_login(nora)
        assert client.get(url).status_code == 200
