import pytest
from django.urls import reverse

from hiring.models import Question
from hiring.selectors import competencies_of


@pytest.fixture
def question(clinical_track):
    return Question.objects.create(
        track=clinical_track, competency="Teamwork", text="A conflict you solved?", order=1
    )


@pytest.mark.django_db
def test_staff_reword_and_retire_a_question(client, alice, question, clinical_track):
    client.force_login(alice)
    response = client.post(
        reverse("hiring:question_edit", args=[question.pk]),
        {"competency": "Teamwork", "text": "Tell us about a team you helped.", "order": 2},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Tell us about a team you helped." and not question.is_active
    assert competencies_of(clinical_track) == []
    assert "retired" in client.get(reverse("hiring:questions")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["2147483648", "1000", "-1"])
def test_an_order_out_of_range_is_a_form_error_not_a_500(client, alice, question, order):
    client.force_login(alice)
    response = client.post(
        reverse("hiring:question_edit", args=[question.pk]),
        {"competency": "Teamwork", "text": "Still the same?", "order": order},
    )
    assert response.status_code == 200
    assert "Ensure this value is" in response.content.decode()
    question.refresh_from_db()
    assert question.order == 1


@pytest.mark.django_db
def test_an_empty_question_is_refused(client, alice, question):
    client.force_login(alice)
    response = client.post(
        reverse("hiring:question_edit", args=[question.pk]),
        {"competency": "Teamwork", "text": "", "order": 1, "is_active": "on"},
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.text == "A conflict you solved?"


@pytest.mark.django_db
def test_managers_cannot_edit_the_bank(client, bob, question):
    client.force_login(bob)
    assert client.get(reverse("hiring:question_edit", args=[question.pk])).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_question_bank_query_count_is_constant(
    client, alice, clinical_track, rows, django_assert_max_num_queries
):
    Question.objects.bulk_create(
        [Question(track=clinical_track, competency="C", text=f"Q{i}") for i in range(rows)]
    )
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("hiring:questions")).status_code == 200
