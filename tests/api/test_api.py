"""The API as an integration uses it: tokens with scopes, limits to departments, problem
details, cursor pages, incremental sync, ETags, hours posted twice counted once, and the
Idempotency-Key."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from api.models import IdempotentReply
from api.throttling import TokenRateThrottle
from api.tokens import token_revoke
from audit.models import PersonalDataAccess
from clinic.models import TimeEntry

pytestmark = pytest.mark.django_db


def _monday_before_last():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def test_no_token_or_a_bad_one_is_401_as_problem_details(api, make_token, grace):
    url = reverse("api:apprentice-list")
    response = api.get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401
    assert api.as_token("apt_nothing_here").get(url).status_code == 401
    token, key = make_token("read:apprentices")
    assert api.as_token(key[:-1] + "x").get(url).status_code == 401  # wrong secret
    assert api.as_token(key).get(url).status_code == 200
    token_revoke(token=token, by=grace)
    assert api.as_token(key).get(url).status_code == 401


def test_an_expired_token_is_refused(api, make_token):
    token, key = make_token("read:apprentices")
    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    assert api.as_token(key).get(reverse("api:apprentice-list")).status_code == 401


def test_a_session_cookie_is_not_a_way_in(client, grace):
    client.force_login(grace)
    assert client.get(reverse("api:apprentice-list")).status_code == 401


def test_a_missing_scope_is_403(api, make_token, ward):
    _token, key = make_token("read:program")
    response = api.as_token(key).get(reverse("api:apprentice-list"))
    assert response.status_code == 403
    assert "read:apprentices" in response.json()["detail"]
    assert api.as_token(key).get(reverse("api:track-list")).status_code == 200


def test_a_token_limited_to_cardiology_cannot_read_a_pediatrics_apprentice(
    api, make_token, ward, cardiology
):
    ed, pia = ward
    _token, key = make_token("read:apprentices", "read:hours", departments=[cardiology])
    api.as_token(key)
    listed = api.get(reverse("api:apprentice-list")).json()["results"]
    assert [a["id"] for a in listed] == [ed.pk]
    assert api.get(reverse("api:apprentice-detail", args=[ed.pk])).status_code == 200
    assert api.get(reverse("api:apprentice-detail", args=[pia.pk])).status_code == 404
    events = api.get(reverse("api:apprentice-event-list"), {"apprentice": pia.pk}).json()
    assert events["results"] == []


def test_an_apprentice_has_hours_and_rate_and_no_personal_identifiers(api, make_token, ward):
    ed, _pia = ward
    token, key = make_token("read:apprentices")
    body = api.as_token(key).get(reverse("api:apprentice-detail", args=[ed.pk])).json()
    assert body["employee_id"] == "E100" and body["department"] == "Cardiology"
    assert body["ojl_hours_approved"] == "0.00"
    assert not {"ssn", "date_of_birth", "sex", "races", "disability"} & set(body)
    read = PersonalDataAccess.objects.get(purpose=f"API: {token.name}")
    assert read.actor == token.user and read.subject_id == str(ed.person_id)


def test_a_single_record_has_an_etag_and_answers_304(api, make_token, ward):
    ed, _pia = ward
    _token, key = make_token("read:apprentices")
    url = reverse("api:apprentice-detail", args=[ed.pk])
    first = api.as_token(key).get(url)
    tag = first["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_employee_id_is_set_through_the_api(api, make_token, ward):
    ed, _pia = ward
    _token, key = make_token("read:apprentices", "write:apprentices")
    url = reverse("api:apprentice-detail", args=[ed.pk])
    api.as_token(key)
    tag = api.get(url)["ETag"]
    stale = api.patch(
        url, {"employee_id": "E101"}, content_type="application/json", HTTP_IF_MATCH='"old"'
    )
    assert stale.status_code == 412
    response = api.patch(
        url, {"employee_id": "E101"}, content_type="application/json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 200 and response.json()["employee_id"] == "E101"
    ed.refresh_from_db()
    assert ed.employee_id == "E101"
    taken = api.patch(url, {"employee_id": "E200"}, content_type="application/json")
    assert taken.status_code == 422 and "Another apprentice" in taken.json()["detail"]
    bad = api.patch(url, {"employee_id": "E 1/0"}, content_type="application/json")
    assert bad.status_code == 400 and "employee_id" in bad.json()["errors"]
    unregistered = api.patch(url, {"rapids_id": "R-1"}, content_type="application/json")
    assert unregistered.status_code == 422


def test_writing_needs_the_write_scope(api, make_token, ward):
    ed, _pia = ward
    _token, key = make_token("read:apprentices")
    url = reverse("api:apprentice-detail", args=[ed.pk])
    response = api.as_token(key).patch(url, {"employee_id": "E9"}, content_type="application/json")
    assert response.status_code == 403
    ed.refresh_from_db()
    assert ed.employee_id == "E100"


def _entries(day, hours="8", row_id="punch-1", employee_id="E100"):
    return {
        "entries": [
            {
                "employee_id": employee_id,
                "date": day.isoformat(),
                "hours": hours,
                "work_process": "Vital signs",
                "row_id": row_id,
            }
        ]
    }


def test_a_time_entry_posted_twice_counts_once(api, make_token, ward, kronos):
    ed, _pia = ward
    _token, key = make_token("write:hours", mapping=kronos)
    url = reverse("api:time_entries")
    day = _monday_before_last()
    first = api.as_token(key).post(url, _entries(day), content_type="application/json")
    assert first.status_code == 200
    assert first.json()["written"] == 1 and first.json()["rows"][0]["status"] == "new"
    again = api.post(url, _entries(day), content_type="application/json")
    assert again.json()["written"] == 0 and again.json()["rows"][0]["status"] == "duplicate"
    assert TimeEntry.objects.filter(apprentice=ed).count() == 1
    assert ed.timesheets.get().status == "approved"  # the mapping lands them approved


def test_the_idempotency_key_replays_the_first_reply(api, make_token, ward, kronos):
    _token, key = make_token("write:hours", mapping=kronos)
    url = reverse("api:time_entries")
    day = _monday_before_last()
    api.as_token(key)
    first = api.post(url, _entries(day), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    replay = api.post(
        url, _entries(day), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert replay.json() == first.json() and replay.json()["written"] == 1
    assert IdempotentReply.objects.count() == 1
    other = api.post(
        url, _entries(day, hours="7"), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert other.status_code == 422
    assert TimeEntry.objects.count() == 1


def test_rows_are_checked_as_a_payroll_file(api, make_token, ward, kronos, cardiology):
    _token, key = make_token("write:hours", mapping=kronos, departments=[cardiology])
    url = reverse("api:time_entries")
    day = _monday_before_last()
    body = {
        "entries": [
            _entries(day, hours="25", row_id="a")["entries"][0],  # over the day's cap
            _entries(timezone.localdate() + timedelta(days=2), row_id="b")["entries"][0],
            _entries(day, row_id="c", employee_id="E200")["entries"][0],  # Pediatrics
            _entries(day, row_id="d", employee_id="E999")["entries"][0],
        ]
    }
    rows = api.as_token(key).post(url, body, content_type="application/json").json()["rows"]
    assert [r["status"] for r in rows] == ["rejected"] * 4
    assert "a day" in rows[0]["reason"] and "future" in rows[1]["reason"]
    assert [r["row"] for r in rows] == [1, 2, 3, 4]
    assert not TimeEntry.objects.exists()


def test_bad_bodies_are_400_with_field_errors(api, make_token, kronos):
    _token, key = make_token("write:hours", mapping=kronos)
    url = reverse("api:time_entries")
    api.as_token(key)
    for body in ({}, {"entries": []}, {"entries": [{"employee_id": "E1", "date": "x"}]}):
        response = api.post(url, body, content_type="application/json")
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["errors"]
    assert api.post(url, "not json", content_type="application/json").status_code == 400
    assert api.post(url, "a=b", content_type="text/plain").status_code == 415


def test_lists_are_cursor_pages_and_sync_by_updated_since(api, make_token, ward):
    ed, pia = ward
    _token, key = make_token("read:apprentices")
    api.as_token(key)
    page = api.get(reverse("api:apprentice-list"), {"page_size": 1}).json()
    assert len(page["results"]) == 1 and page["next"]
    second = api.get(page["next"]).json()
    assert {page["results"][0]["id"], second["results"][0]["id"]} == {ed.pk, pia.pk}
    # The history's clock is the database's (the suite's own clock is frozen at TODAY).
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        now = cursor.fetchone()[0]
    later = (now + timedelta(minutes=1)).isoformat()
    assert api.get(reverse("api:apprentice-list"), {"updated_since": later}).json()["results"] == []
    earlier = (now - timedelta(days=1)).isoformat()
    found = api.get(reverse("api:apprentice-list"), {"updated_since": earlier}).json()["results"]
    assert len(found) == 2
    bad = api.get(reverse("api:apprentice-list"), {"updated_since": "yesterday"})
    assert bad.status_code == 400 and "updated_since" in bad.json()["errors"]


def test_over_the_rate_is_429_with_retry_after(api, make_token, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "rate", "2/minute", raising=False)
    _token, key = make_token("read:program")
    api.as_token(key)
    url = reverse("api:track-list")
    assert [api.get(url).status_code for _ in range(2)] == [200, 200]
    response = api.get(url)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_the_openapi_document_and_docs_are_served_locally(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/time-entries/" in document["paths"]
    docs = client.get(reverse("api:docs")).content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


def test_the_classroom_provider_sends_attendance_and_grades(
    api, make_token, ward, cohort, todays_session, clinical_track
):
    from classroom.models import Attendance, Grade, Module

    ed, _pia = ward
    module = Module.objects.create(track=clinical_track, order=1, title="Vital signs")
    _token, key = make_token("read:classroom", "write:classroom")
    api.as_token(key)
    marked = api.post(
        reverse("api:attendance-list"),
        {"session": todays_session.pk, "apprentice": ed.pk, "status": "late", "minutes_late": 20},
        content_type="application/json",
    )
    assert marked.status_code == 201, marked.json()
    attendance = Attendance.objects.get(apprentice=ed)
    assert attendance.status == "late" and attendance.marked_by.api_token.name == _token.name
    graded = api.post(
        reverse("api:grade-list"),
        {"apprentice": ed.pk, "module": module.pk, "score": 88},
        content_type="application/json",
    )
    assert graded.status_code == 201 and Grade.objects.get(apprentice=ed).score == 88
    # The same rules as the instructor's forms: a score over 100 and an unknown module refused.
    assert (
        api.post(
            reverse("api:grade-list"),
            {"apprentice": ed.pk, "module": module.pk, "score": 101},
            content_type="application/json",
        ).status_code
        == 400
    )
    assert (
        api.post(
            reverse("api:grade-list"),
            {"apprentice": ed.pk, "module": 999999, "score": 80},
            content_type="application/json",
        ).status_code
        == 404
    )
    listed = api.get(reverse("api:attendance-list"), {"apprentice": ed.pk}).json()["results"]
    assert [a["status"] for a in listed] == ["late"]


def test_a_classroom_write_outside_the_tokens_limit_is_404(
    api, make_token, ward, todays_session, cardiology
):
    _ed, pia = ward
    _token, key = make_token("write:classroom", departments=[cardiology])
    response = api.as_token(key).post(
        reverse("api:attendance-list"),
        {"session": todays_session.pk, "apprentice": pia.pk, "status": "present"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_applications_never_carry_a_name_or_personal_identifiers(api, make_token, clinical_track):
    from tests.applicants.factories import SubmittedApplicationFactory

    application = SubmittedApplicationFactory(track=clinical_track)
    _token, key = make_token("read:hiring")
    body = api.as_token(key).get(reverse("api:application-detail", args=[application.pk])).json()
    assert body["step"] == application.step
    text = str(body)
    assert application.person.last_name not in text and application.person.email not in text
    assert not {"ssn", "date_of_birth", "sex", "races", "disability", "person"} & set(body)


def test_deactivating_the_integrations_account_stops_its_token(api, make_token):
    token, key = make_token("read:program")
    assert api.as_token(key).get(reverse("api:track-list")).status_code == 200
    token.user.is_active = False
    token.user.save()
    assert api.get(reverse("api:track-list")).status_code == 401
