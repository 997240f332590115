"""Pay, hours and evaluations in real Chromium: staff import an export with pay codes, tenths
and a shift with no activity, the preview says what became of each row, and the preceptor
assigns the missing work process before approving; the preceptor and the instructor rate a
periodic evaluation and the apprentice acknowledges it on a phone (29 CFR 29.5(b)(6))."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from apprenticeship.dates import week_start
from clinic.evaluations import evaluations_open
from clinic.models import Evaluation, PayrollMapping, Timesheet
from tests.browser.conftest import PHONE, assert_accessible, sign_in_on
from tests.clinic.conftest import placed_ed, work_processes  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pay_codes_in_the_preview_and_the_preceptor_assigns_the_work_process(
    page: Page,
    live_server,
    alice,
    fay,
    program,
    placed_ed,  # noqa: F811
    tmp_path,
):
    PayrollMapping.objects.create(
        program=program,
        name="UKG Pro export",
        employee_id_column="Employee",
        date_column="Date",
        hours_column="Hours",
        work_process_column="Activity",
        pay_code_column="Pay Code",
        pay_codes_counted="REG, OT",
        pay_codes_not_counted="PTO",
        lands_as=PayrollMapping.LandsAs.APPROVED,
    )
    monday = week_start(timezone.localdate()) - timedelta(weeks=1)
    export = tmp_path / "ukg.csv"
    export.write_text(
        "Employee,Date,Hours,Pay Code,Activity\n"
        f"E1001,{monday},7.9,REG,Vital signs\n"
        f"E1001,{monday + timedelta(days=1)},8,PTO,Vital signs\n"
        f"E1001,{monday + timedelta(days=2)},6,REG,\n"
    )
    sign_in_on(page, live_server.url, alice)
    page.goto(f"{live_server.url}/clinic/import/")
    page.get_by_label("Timekeeping system").select_option(label="UKG Pro export")
    page.get_by_label("Export file").set_input_files(str(export))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-counts")).to_contain_text("2 new rows")
    expect(page.locator("#import-counts")).to_contain_text("1 not counted")
    expect(page.get_by_text("7.9 rounded to 8.00")).to_be_visible()
    expect(page.get_by_text("Not on-the-job hours (pay code PTO).")).to_be_visible()
    expect(page.get_by_text("work process: the preceptor assigns it")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.get_by_text("2 rows imported.")).to_be_visible()
    sheet = Timesheet.objects.get(apprentice=placed_ed, week_start=monday)
    assert sheet.status == "submitted"  # it waits for the work process

    sign_in_on(page, live_server.url, fay)
    page.goto(f"{live_server.url}/clinic/timesheets/{sheet.pk}/")
    expect(page.get_by_text("Payroll entries without a work process")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve the week").click()
    expect(page.get_by_text("Choose the work process of each payroll entry first.")).to_be_visible()
    page.get_by_label(
        f"{(monday + timedelta(days=2)):%A, %B} {(monday + timedelta(days=2)).day}: 6 h"
    ).select_option(label="Vital signs")
    page.get_by_role("button", name="Approve the week").click()
    expect(page.get_by_text("Week approved.")).to_be_visible()
    sheet.refresh_from_db()
    assert sheet.status == "approved" and sheet.total_hours == 14


def test_a_periodic_evaluation_rated_and_acknowledged_on_a_phone(
    page: Page,
    browser,
    live_server,
    fay,
    ivy,
    ed,
    placed_ed,  # noqa: F811
):
    evaluations_open(today=timezone.localdate())
    evaluation = Evaluation.objects.get(apprentice=placed_ed, week=4)
    url = f"{live_server.url}/clinic/evaluations/{evaluation.pk}/"

    sign_in_on(page, live_server.url, fay)
    page.goto(f"{live_server.url}/clinic/evaluations/")
    page.get_by_role("link", name="Week 4 · Ed Evans").click()
    assert_accessible(page)
    job = page.locator("section", has=page.get_by_role("heading", name="Job performance"))
    for group in job.get_by_role("group").all():
        group.get_by_label("4: above expectations").check()
    job.get_by_label("Comments for the apprentice").fill("Calm and careful with patients.")
    job.get_by_label("These ratings are final").check()
    job.get_by_role("button", name="Save the ratings").click()
    expect(page.get_by_text("Ratings saved.")).to_be_visible()
    expect(page.get_by_text("Waiting for the instructor's ratings.")).to_be_visible()

    sign_in_on(page, live_server.url, ivy)
    page.goto(url)
    rti = page.locator("section", has=page.get_by_role("heading", name="Related instruction"))
    for group in rti.get_by_role("group").all():
        group.get_by_label("3: meets expectations").check()
    rti.get_by_label("These ratings are final").check()
    rti.get_by_role("button", name="Save the ratings").click()
    expect(page.get_by_text("Ratings saved.")).to_be_visible()

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ed_page = phone.new_page()
    sign_in_on(ed_page, live_server.url, ed)
    ed_page.goto(f"{live_server.url}/clinic/evaluations/")
    ed_page.get_by_role("link", name="Week 4 · Ed Evans").click()
    expect(ed_page.get_by_text("Calm and careful with patients.")).to_be_visible()
    assert_accessible(ed_page)
    ed_page.get_by_label("Type your full name to acknowledge").fill("Ed Evans")
    ed_page.get_by_label("Your comment (optional)").fill("Thank you, I will keep at it.")
    ed_page.get_by_role("button", name="Acknowledge").click()
    expect(ed_page.get_by_text("Read and acknowledged by Ed Evans")).to_be_visible()
    phone.close()
    evaluation.refresh_from_db()
    assert evaluation.apprentice_comment == "Thank you, I will keep at it."
