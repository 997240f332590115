"""Clinic hours in real Chromium: an apprentice submits a week on a phone, the preceptor
returns it with a comment, the apprentice fixes and resubmits, the preceptor approves; staff
import a payroll file with bad rows, fix it, import it, and importing it again adds nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from clinic.models import PayrollMapping, TimeEntry, Timesheet
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on
from tests.clinic.conftest import placed_ed, work_processes  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_week_goes_from_the_apprentices_phone_to_approval(
    browser,
    live_server,
    ed,
    fay,
    placed_ed,  # noqa: F811
):
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page: Page = sign_in_on(phone.new_page(), live_server.url, ed)
    page.goto(f"{live_server.url}/clinic/me/")
    assert_accessible(page)
    page.get_by_role(
        "link", name=f"Week of {last_monday:%b} {last_monday.day}, {last_monday.year}"
    ).click()
    expect(page.get_by_role("heading", name="Week of")).to_be_visible()
    monday = page.get_by_role("group", name=f"{last_monday:%A}, {last_monday:%b} {last_monday.day}")
    monday.get_by_label("Vital signs").fill("8")
    page.get_by_role("group", name=f"{(last_monday + timedelta(days=1)):%A}").get_by_label(
        "Rooming and intake"
    ).fill("9")
    assert_accessible(page)
    page.get_by_role("button", name="Submit to my preceptor").click()
    expect(page.get_by_text("Week submitted to your preceptor.")).to_be_visible()

    desk = browser.new_context()
    review = sign_in_on(desk.new_page(), live_server.url, fay)
    review.goto(f"{live_server.url}/clinic/")
    assert_accessible(review)
    review.get_by_role("link", name="Review Ed Evans's week").click()
    review.get_by_label("Comment for the apprentice").fill("Tuesday was 8 h, not 9.")
    review.get_by_role("button", name="Return with my comment").click()
    expect(review.get_by_text("Week returned.")).to_be_visible()

    page.goto(f"{live_server.url}/clinic/me/weeks/{last_monday.isoformat()}/")
    expect(page.get_by_text("Tuesday was 8 h, not 9.")).to_be_visible()
    page.get_by_role("group", name=f"{(last_monday + timedelta(days=1)):%A}").get_by_label(
        "Rooming and intake"
    ).fill("8")
    page.get_by_role("button", name="Submit to my preceptor").click()
    expect(page.get_by_text("Week submitted to your preceptor.")).to_be_visible()

    review.goto(f"{live_server.url}/clinic/")
    review.get_by_label("Ed Evans · week of").check()
    review.get_by_role("button", name="Approve the selected weeks").click()
    expect(review.get_by_text("1 week approved.")).to_be_visible()
    assert_accessible(review)
    sheet = Timesheet.objects.get(week_start=last_monday)
    assert (sheet.status, sheet.total_hours) == ("approved", 16)
    page.goto(f"{live_server.url}/clinic/me/")
    expect(page.locator("#ojl-approved")).to_have_text("16 h")
    phone.close()
    desk.close()


def test_staff_import_a_payroll_file_fix_it_and_import_it_twice(
    page: Page,
    live_server,
    alice,
    program,
    placed_ed,  # noqa: F811
    tmp_path,
):
    PayrollMapping.objects.create(
        program=program,
        name="Kronos weekly export",
        employee_id_column="Employee ID",
        date_column="Work Date",
        hours_column="Hours",
        work_process_column="Activity",
        row_key_column="Punch ID",
        date_format=PayrollMapping.DateFormat.US,
        lands_as=PayrollMapping.LandsAs.APPROVED,
    )
    day = timezone.localdate() - timedelta(days=3)
    rows = [
        f"E1001,{day:%m/%d/%Y},8,Vital signs,P1",
        f"E4242,{day:%m/%d/%Y},8,Vital signs,P2",
        f"E1001,{(day - timedelta(days=1)):%m/%d/%Y},eight,Vital signs,P3",
    ]
    bad = tmp_path / "kronos.csv"
    bad.write_text("Employee ID,Work Date,Hours,Activity,Punch ID\n" + "\n".join(rows) + "\n")
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/clinic/import/")
    assert_accessible(page)
    page.get_by_label("Timekeeping system").select_option(label="Kronos weekly export")
    page.get_by_label("Export file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-counts")).to_contain_text("1 new row")
    expect(page.get_by_text("Unknown employee id “E4242”")).to_be_visible()
    expect(page.get_by_text("Hours “eight” is not a number")).to_be_visible()
    assert_accessible(page)
    assert not TimeEntry.objects.exists()

    good = tmp_path / "kronos-fixed.csv"
    rows[1] = f"E1001,{(day - timedelta(days=2)):%m/%d/%Y},8,Vital signs,P2"
    rows[2] = f"E1001,{(day - timedelta(days=1)):%m/%d/%Y},8,Vital signs,P3"
    good.write_text("Employee ID,Work Date,Hours,Activity,Punch ID\n" + "\n".join(rows) + "\n")
    for expected in ("3 rows imported.", None):
        page.goto(f"{live_server.url}/clinic/import/")
        page.get_by_label("Timekeeping system").select_option(label="Kronos weekly export")
        page.get_by_label("Export file").set_input_files(str(good))
        page.get_by_role("button", name="Check the file").click()
        if expected:
            page.get_by_role("button", name="Import 3 rows").click()
            expect(page.get_by_text(expected)).to_be_visible()
        else:
            expect(page.locator("#import-counts")).to_contain_text("3 duplicates")
            expect(page.get_by_role("button", name="Import 0 rows")).to_be_disabled()
    assert TimeEntry.objects.count() == 3
