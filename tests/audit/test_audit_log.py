"""The audit log: changes with before/after and who, bulk updates included, entries that
cannot be edited, personal-data reads, search, and who may see it."""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, Screening
from applicants.models import ScreeningHistory as ScreeningHistoryModel
from audit.models import PersonalDataAccess
from audit.selectors import history_models
from audit.services import personal_data_record
from programs.models import Program, ProgramHistory
from tests.applicants.factories import SubmittedApplicationFactory

URL = reverse("audit:log")


@pytest.mark.django_db
def test_a_settings_change_shows_who_and_before_and_after(client, grace, program):
    client.force_login(grace)
    response = client.post(
        reverse("programs:program_edit", args=[program.pk]),
        {
            "name": "Medical Apprenticeship 2027",
            "sponsor_name": program.sponsor_name,
            "dol_program_number": program.dol_program_number,
            "registration_agency": program.registration_agency,
            "registration_agency_name": program.registration_agency_name,
            "address": program.address,
            "contact_email": program.contact_email or "office@example.org",
            "contact_phone": program.contact_phone,
            "pay_period_start": program.pay_period_start.isoformat(),
            "pay_period_days": program.pay_period_days,
            "max_day_hours": program.max_day_hours,
            "max_week_hours": program.max_week_hours,
            "hours_increment": program.hours_increment,
            "late_grace_minutes": program.late_grace_minutes,
            "late_unit_minutes": program.late_unit_minutes,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    page = client.get(URL, {"record_type": "programs.Program"}).content.decode()
    assert "Grace Okafor" in page
    assert f"<del>{program.name}</del> → <ins>Medical Apprenticeship 2027</ins>" in page
    assert "programs:program_edit" in page


@pytest.mark.django_db
def test_bulk_updates_are_recorded_row_by_row(client, grace):
    applications = SubmittedApplicationFactory.create_batch(3)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(step="withdrawn")
    client.force_login(grace)
    rows = client.get(URL, {"record_type": "applicants.Application"}).context["rows"]
    withdrawals = [r for r in rows if r.action == "update" and r.changes[0][2] == "withdrawn"]
    assert {r.record_id for r in withdrawals} == {str(a.pk) for a in applications}
    assert all(r.actor is None for r in withdrawals)


@pytest.mark.django_db(transaction=True)
def test_entries_cannot_be_edited_or_deleted_even_in_the_database(program, alice):
    program.name = "Renamed"
    program.save()
    entry = personal_data_record(actor=alice, obj=program, fields=["name"])
    for statement in (
        f"UPDATE {ProgramHistory._meta.db_table} SET name = 'forged'",
        f"DELETE FROM {ProgramHistory._meta.db_table}",
        f"UPDATE {PersonalDataAccess._meta.db_table} SET actor_id = NULL WHERE id = {entry.pk}",
        f"DELETE FROM {PersonalDataAccess._meta.db_table}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert ProgramHistory.objects.filter(name="Renamed").exists()
    assert PersonalDataAccess.objects.filter(pk=entry.pk, actor=alice).exists()


@pytest.mark.django_db
def test_personal_details_and_private_links_are_never_copied_into_the_history():
    application = SubmittedApplicationFactory()
    Screening.objects.create(
        application=application,
        kind="background",
        status="cleared",
        on=date.today(),
        details="Misdemeanour 2009, dismissed",
    )
    history_fields = {f.name for f in ScreeningHistoryModel._meta.fields}
    assert "details" not in history_fields and "status" in history_fields
    assert "token" not in {f.name for f in application.history.model._meta.fields}
    assert ScreeningHistoryModel.objects.filter(pgh_obj__application=application).count() == 1


@pytest.mark.django_db
def test_the_personal_data_log_lists_reads_with_field_names(client, grace, alice):
    application = SubmittedApplicationFactory()
    personal_data_record(
        actor=alice, obj=application.person, fields=["date_of_birth"], purpose="eligibility"
    )
    client.force_login(grace)
    page = client.get(URL, {"log": "personal", "who": "alice"}).content.decode()
    assert "Alice Alvarez" in page and "date_of_birth" in page and "eligibility" in page
    assert "1 entry" in page
    assert "0 entries" in client.get(URL, {"log": "personal", "who": "bob"}).content.decode()


@pytest.mark.django_db
def test_search_by_record_and_dates(client, grace, program):
    other = Program.objects.create(name="Other", sponsor_name="Other sponsor")
    client.force_login(grace)
    rows = client.get(URL, {"record_type": "programs.Program", "record_id": str(other.pk)}).context[
        "rows"
    ]
    assert [r.record_id for r in rows] == [str(other.pk)]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.get(URL, {"since": tomorrow}).context["rows"] == []


@pytest.mark.django_db
def test_bad_search_input_gets_a_message_not_an_error(client, grace):
    client.force_login(grace)
    response = client.get(URL, {"since": "2026-13-45", "record_type": "nope.Nope"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert "Select a valid choice." in response.content.decode()
    response = client.get(URL, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "The end date is before the start date." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "ivy", "ed", "dana"])
def test_only_program_admins_see_the_audit_log(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_entries(
    client, grace, alice, django_assert_max_num_queries, rows
):
    for i in range(rows):
        program = Program.objects.create(name=f"Program {i}", sponsor_name="Sponsor")
        program.name = f"Renamed {i}"
        program.save()
        personal_data_record(actor=alice, obj=grace, fields=["date_of_birth"])
    client.force_login(grace)
    # The change log reads each history table once, plus two queries per table with changes
    # on the page for the values before them.
    for log, most in (("changes", 8 + len(history_models())), ("personal", 8)):
        with django_assert_max_num_queries(most):
            response = client.get(URL, {"log": log})
        assert response.status_code == 200


@pytest.mark.django_db
def test_older_changes_continue_where_the_page_ended_without_gaps_or_repeats(client, grace):
    programs = [Program(name=f"Program {i}", sponsor_name="Sponsor") for i in range(60)]
    Program.objects.bulk_create(programs)  # one transaction: they share one timestamp
    client.force_login(grace)
    first = client.get(URL, {"record_type": "programs.Program"})
    assert len(first.context["rows"]) == 50
    older = first.context["older_url"]
    assert older and "Older changes" in first.content.decode()
    second = client.get(URL + older)
    assert len(second.context["rows"]) == 10 and not second.context["older_url"]
    seen = [r.record_id for r in first.context["rows"] + second.context["rows"]]
    assert sorted(seen) == sorted(str(p.pk) for p in Program.objects.all())


@pytest.mark.django_db
def test_a_forged_cursor_shows_the_newest_page(client, grace, program):
    client.force_login(grace)
    response = client.get(URL, {"before": "not|a|cursor"})
    assert response.status_code == 200 and response.context["rows"]
