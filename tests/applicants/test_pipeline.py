from datetime import date

import pytest
from django.urls import reverse

from applicants.models import Application, Screening
from audit.models import PersonalDataAccess
from tests.applicants.factories import SubmittedApplicationFactory

BOARD = reverse("applicants:pipeline")


def detail(application):
    return reverse("applicants:application_detail", args=[application.pk])


@pytest.mark.django_db
def test_staff_filter_by_step_and_search(client, alice, clinical_track):
    rosa = SubmittedApplicationFactory(track=clinical_track, person__first_name="Rosa")
    SubmittedApplicationFactory(track=clinical_track, person__first_name="Ann", step="testing")
    client.force_login(alice)
    assert list(client.get(BOARD, {"step": "applied"}).context["page"]) == [rosa]
    assert list(client.get(BOARD, {"query": "ros"}).context["page"]) == [rosa]


@pytest.mark.django_db
def test_bulk_move_moves_the_allowed_and_lists_the_rest(client, alice, clinical_track):
    applied = SubmittedApplicationFactory(track=clinical_track)
    ready = SubmittedApplicationFactory(track=clinical_track, step="ready_for_hire")
    client.force_login(alice)
    response = client.post(
        BOARD, {"selected": [applied.pk, ready.pk], "to_step": "testing"}, follow=True
    )
    applied.refresh_from_db()
    ready.refresh_from_db()
    assert applied.step == "testing" and ready.step == "ready_for_hire"
    assert "Not allowed from their step" in response.content.decode()


@pytest.mark.django_db
def test_an_exit_needs_a_reason(client, alice, clinical_track):
    applied = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    response = client.post(BOARD, {"selected": [applied.pk], "to_step": "no_show"}, follow=True)
    assert "Say why" in response.content.decode()
    applied.refresh_from_db()
    assert applied.step == "applied"


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 500])
def test_board_query_count_is_the_same_at_10_and_500(
    client, alice, clinical_track, rows, django_assert_max_num_queries
):
    SubmittedApplicationFactory.create_batch(rows, track=clinical_track)
    client.force_login(alice)
    with django_assert_max_num_queries(11):
        response = client.get(BOARD)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "carol", "fay", "ivy", "ed", "dana", "gus", "cody"])
def test_only_program_staff_see_the_pipeline_and_applicant_details(
    client, request, who, clinical_track
):
    application = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(request.getfixturevalue(who))
    assert client.get(BOARD).status_code == 403
    response = client.get(detail(application))
    assert response.status_code == 403
    assert "1995" not in response.content.decode()  # never the date of birth


@pytest.mark.django_db
def test_reading_an_applicant_is_audited(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    page = client.get(detail(application)).content.decode()
    assert "May 17, 1995" in page
    entry = PersonalDataAccess.objects.get(actor=alice)
    assert entry.subject_id == str(application.person.pk) and "date_of_birth" in entry.fields


@pytest.mark.django_db
def test_testing_day_then_screening_reaches_ready_for_hire(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    pk = application.pk
    client.post(
        reverse("applicants:testing_day"),
        {
            "tested_on": "2026-11-20",
            f"entrance_exam_{pk}": "82",
            f"typing_wpm_{pk}": "41",
            f"workkeys_applied_math_{pk}": "4",
            f"workkeys_graphic_literacy_{pk}": "3",
            f"workkeys_workplace_documents_{pk}": "5",
        },
    )
    application.refresh_from_db()
    assert application.step == "screening"
    for kind in ("background", "drug"):
        client.post(
            reverse("applicants:screening", args=[pk]),
            {"kind": kind, "status": "cleared", "on": "2026-11-22", "details": "Clear"},
        )
    application.refresh_from_db()
    assert application.step == "ready_for_hire"
    assert (
        PersonalDataAccess.objects.filter(
            subject_type="applicants.screening", action="change"
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_slow_typing_ends_the_application_with_the_reason(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    client.post(
        reverse("applicants:testing_day"),
        {
            "tested_on": "2026-11-20",
            f"entrance_exam_{application.pk}": "90",
            f"typing_wpm_{application.pk}": "29",
        },
    )
    application.refresh_from_db()
    assert application.step == "not_eligible"
    assert "Typing 29 WPM; 30 needed." in application.events.last().reason


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["8", "2", "abc"])
def test_a_workkeys_level_outside_3_to_7_saves_nothing(client, alice, clinical_track, value):
    application = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    response = client.post(
        reverse("applicants:testing_day"),
        {"tested_on": "2026-11-20", f"workkeys_applied_math_{application.pk}": value},
    )
    assert response.status_code == 200
    assert not application.tests.exists()


@pytest.mark.django_db
def test_not_cleared_leaves_the_pipeline_with_a_reason(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, step="screening")
    client.force_login(alice)
    client.post(
        reverse("applicants:screening", args=[application.pk]),
        {"kind": "drug", "status": "not_cleared", "on": "2026-11-22", "details": "x"},
    )
    application.refresh_from_db()
    assert application.step == "failed_screen"
    assert Screening.objects.get().details == "x"


@pytest.mark.django_db
def test_staff_override_eligibility_with_a_reason(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, step="not_eligible")
    client.force_login(alice)
    client.post(reverse("applicants:override", args=[application.pk]), {"reason": ""})
    application.refresh_from_db()
    assert application.step == "not_eligible"
    client.post(reverse("applicants:override", args=[application.pk]), {"reason": "Military medic"})
    application.refresh_from_db()
    assert application.step == "applied" and application.eligibility_overridden_by == alice


@pytest.mark.django_db
def test_roll_to_next_month(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, step="ready_for_hire")
    client.force_login(alice)
    client.post(reverse("applicants:roll", args=[application.pk]))
    application.refresh_from_db()
    assert application.intake_month == date(2026, 12, 1)  # not without the confirmation
    client.post(reverse("applicants:roll", args=[application.pk]), {"confirm": "yes"})
    application.refresh_from_db()
    assert application.intake_month == date(2027, 1, 1)


@pytest.mark.django_db
def test_duplicates_are_flagged(client, alice, clinical_track):
    first = SubmittedApplicationFactory(track=clinical_track, person__email="same@example.net")
    SubmittedApplicationFactory(track=clinical_track, person__email="SAME@example.net")
    client.force_login(alice)
    assert "Possible duplicate" in client.get(detail(first)).content.decode()


@pytest.mark.django_db
def test_hiring_selectors_give_levels_and_cleared_only(clinical_track):
    from applicants.selectors import application_screening_cleared, application_test_levels

    application = SubmittedApplicationFactory(track=clinical_track)
    assert application_test_levels(application)["typing_wpm"] is None
    assert not application_screening_cleared(application)
    for kind in ("background", "drug"):
        Screening.objects.create(
            application=application, kind=kind, status="cleared", on=date(2026, 11, 1)
        )
    assert application_screening_cleared(application)
    assert Application.objects.get().step == "applied"


@pytest.mark.django_db
def test_merging_a_duplicate_moves_documents_and_tests_and_closes_it(client, alice, clinical_track):
    from applicants.models import Document, TestResult

    keep = SubmittedApplicationFactory(track=clinical_track, person__email="same@example.net")
    dup = SubmittedApplicationFactory(track=clinical_track, person__email="same@example.net")
    TestResult.objects.create(
        application=dup, kind="typing_wpm", value=44, tested_on=date(2026, 11, 1)
    )
    Document.objects.create(
        application=dup,
        kind="resume",
        file="x/y.pdf",
        original_name="cv.pdf",
        content_type="application/pdf",
        size=10,
    )
    client.force_login(alice)
    client.post(reverse("applicants:merge", args=[keep.pk, dup.pk]))
    dup.refresh_from_db()
    assert (
        dup.step == "withdrawn" and f"merged into application {keep.pk}" in dup.events.last().reason
    )
    assert keep.tests.get().value == 44 and keep.documents.count() == 1


@pytest.mark.django_db
def test_an_application_cannot_be_merged_into_itself(client, alice, clinical_track):
    keep = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    response = client.post(reverse("applicants:merge", args=[keep.pk, keep.pk]), follow=True)
    assert "cannot be merged into itself" in response.content.decode()
    keep.refresh_from_db()
    assert keep.step == "applied"


@pytest.mark.django_db
def test_staff_invite_selected_applicants_to_testing(
    client, alice, clinical_track, mailoutbox, django_capture_on_commit_callbacks
):
    a, b = SubmittedApplicationFactory.create_batch(2, track=clinical_track)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("applicants:testing_invite"),
            {"selected": [a.pk, b.pk], "when": "Dec 3, 9:00 AM", "place": "Room 110"},
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.person.email, b.person.email])
    assert "Dec 3, 9:00 AM" in mailoutbox[0].body


@pytest.mark.django_db
def test_a_testing_invite_without_a_place_sends_nothing(client, alice, clinical_track, mailoutbox):
    a = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    client.post(reverse("applicants:testing_invite"), {"selected": [a.pk], "when": "Dec 3"})
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ed"])
def test_only_staff_merge_or_invite(client, request, who, clinical_track):
    keep, dup = SubmittedApplicationFactory.create_batch(2, track=clinical_track)
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("applicants:merge", args=[keep.pk, dup.pk])).status_code == 403
    assert (
        client.post(
            reverse("applicants:testing_invite"), {"selected": [keep.pk], "when": "x", "place": "y"}
        ).status_code
        == 403
    )
    dup.refresh_from_db()
    assert dup.step == "applied"


@pytest.mark.django_db
def test_admins_set_the_thresholds_and_staff_cannot(client, grace, alice, clinical_track):
    from applicants.models import EligibilityRules

    data = {
        "minimum_age": 18,
        "minimum_healthcare_months": 12,
        "minimum_typing_wpm": 35,
        "minimum_entrance_exam": 70,
        "preferred_workkeys_level": 3,
    }
    client.force_login(alice)
    assert client.post(reverse("applicants:eligibility_rules"), data).status_code == 403
    client.force_login(grace)
    client.post(reverse("applicants:eligibility_rules"), data)
    assert EligibilityRules.objects.get().minimum_healthcare_months == 12
    response = client.post(
        reverse("applicants:eligibility_rules"), {**data, "preferred_workkeys_level": 9}
    )
    assert response.status_code == 200
    assert EligibilityRules.objects.get().preferred_workkeys_level == 3


@pytest.mark.django_db
def test_staff_invite_interested_people_to_an_info_session(
    client, alice, clinical_track, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from applicants.models import InfoSession

    start = timezone.now() + timedelta(days=3)
    session = InfoSession.objects.create(
        location_name="WD",
        address="4480 Clayton",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    interested = SubmittedApplicationFactory(track=clinical_track, step="interest")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("applicants:session_invite"),
            {"selected": [interested.pk], "session": session.pk},
        )
    assert mailoutbox[0].to == [interested.person.email]
    assert reverse("applicants:session_book", args=[session.pk]) in mailoutbox[0].body


@pytest.mark.django_db
def test_staff_publish_the_presentation_pdf_and_the_public_reads_it(client, alice, clinical_track):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("applicants:presentation_upload", args=[clinical_track.slug])
    client.force_login(alice)
    response = client.post(
        url, {"presentation": SimpleUploadedFile("x.html", b"<html>", "application/pdf")}
    )
    assert "Upload a PDF" in response.content.decode()
    client.post(
        url, {"presentation": SimpleUploadedFile("deck.pdf", b"%PDF-1.7 deck", "application/pdf")}
    )
    client.logout()
    page = client.get(reverse("applicants:track_page", args=[clinical_track.slug])).content.decode()
    assert "program presentation" in page
    pdf = client.get(reverse("applicants:presentation", args=[clinical_track.slug]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == b"%PDF-1.7 deck"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ed"])
def test_only_staff_upload_the_presentation(client, request, who, clinical_track):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.get(
            reverse("applicants:presentation_upload", args=[clinical_track.slug])
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_forged_selection_is_ignored_not_an_error(client, alice, clinical_track):
    applied = SubmittedApplicationFactory(track=clinical_track, step="applied")
    client.force_login(alice)
    response = client.post(
        BOARD,
        {"selected": ["abc", "-1", "99999999999999999999999", applied.pk], "to_step": "testing"},
    )
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.step == "testing"


@pytest.mark.django_db
def test_staff_move_an_applicant_from_their_page(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, step="testing")
    client.force_login(alice)
    url = reverse("applicants:application_detail", args=[application.pk])
    page = client.get(url).content.decode()
    assert '<option value="screening">' in page and '<option value="enrolled">' not in page
    move = reverse("applicants:move", args=[application.pk])
    response = client.post(move, {"to_step": "withdrawn", "reason": ""}, follow=True)
    assert "Say why the applicant leaves the pipeline." in response.content.decode()
    client.post(move, {"to_step": "screening"})
    application.refresh_from_db()
    assert application.step == "screening"
    assert application.events.last().by == alice


@pytest.mark.django_db
def test_a_move_the_rules_forbid_is_refused_from_the_page(client, alice, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, step="testing")
    client.force_login(alice)
    move = reverse("applicants:move", args=[application.pk])
    response = client.post(move, {"to_step": "enrolled"}, follow=True)
    assert "cannot move from" in response.content.decode()
    application.refresh_from_db()
    assert application.step == "testing"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ivy", "ed", "dana", "cody"])
def test_only_staff_move_from_the_page(client, request, who, clinical_track):
    application = SubmittedApplicationFactory(track=clinical_track, step="testing")
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("applicants:move", args=[application.pk]), {"to_step": "screening"}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.step == "testing"
