"""The RAPIDS upload files: every column of the published layout in its order, only allowed
codes, rows checked against the layout with the problem named, SSNs in full only in the file,
every download audited, program admins only."""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applicants.models import SelfIdentification
from audit.models import PersonalDataAccess
from cohorts.models import Apprentice, ApprenticeEvent
from reports import rapids
from tests.cohorts.factories import ApplicationFactory, ApprenticeFactory, CohortFactory

URL = "/reports/rapids/"
# The layout as published (csg-org/rapids-apprentice-upload-spec, tableschema.json): the 42
# field names in order, written out here so that a changed copy of the file shows up.
PUBLISHED = [
    "Date Apprenticeship Begins", "Apprentice First Name", "Apprentice Last Name",
    "Apprentice Middle Name", "Apprentice Suffix", "Social Security Number", "Date of Birth",
    "Gender", "Employment Status", "Apprentice Street Address", "Apprentice City",
    "Apprentice State", "Apprentice 5-Digit Zip Code", "Telephone", "Email", "Employer",
    "Ethnicity Hispanic / Latino", "Race-American Indian / Alaskan Native", "Asian",
    "Black / African American", "Native Hawaiian / Other Pacific Islander", "White",
    "Veteran Status", "Apprentice Disability Status", "Apprentice Education Level",
    "Occupation", "Related Technical Instruction Provider", "Credit for previous experience",
    "Credit for Previous Related Training In Hours", "Prior Wages", "Prior Wage Units",
    "Entry Wages", "Entry Wage Units", "Wage Schedule",
    "Previously Completed Career Lattice Levels", "Career Connection", "WIOA Participant",
    "Type", "Career Linkage or Direct Entry", "TAA Participant",
    "On-the-Job Training Funding Sources", "Student Status",
]  # fmt: skip


APPRENTICE_FIELDS = ("prior_wage", "rapids_id", "status")


def _ready(cohort, **person):
    own = {k: person.pop(k) for k in APPRENTICE_FIELDS if k in person}
    defaults = {
        "ssn": "123-45-6789",
        "date_of_birth": date(1995, 3, 7),
        "street_address": "4901 Forest Park Ave",
        "city": "St. Louis",
        "state": "MO",
        "zip_code": "63108",
    }
    return ApprenticeFactory(
        cohort=cohort,
        starting_hourly_rate=Decimal("17.50"),
        application__education_level="3",
        **{"prior_wage": Decimal("14.25"), **own},
        **{f"person__{k}": v for k, v in {**defaults, **person}.items()},
    )


@pytest.fixture
def january(clinical_track):
    program = clinical_track.program
    program.rapids_employer_id, program.rapids_rti_provider_id = "EMP-77", "RTI-12"
    program.save()
    clinical_track.rapids_wage_schedule_id = "WS-3"
    clinical_track.save()
    return CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))


def _file(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_header_is_the_published_layout_in_its_order():
    assert rapids.columns() == PUBLISHED
    spec = json.loads(Path(rapids.LAYOUT_FILE).read_text())
    assert [f["name"] for f in spec["fields"]] == PUBLISHED


@pytest.mark.django_db
def test_the_file_has_every_column_and_only_allowed_codes(client, grace, january):
    maria = _ready(january, first_name="Maria", last_name="Lopez", phone="+1 314-555-0101")
    SelfIdentification.objects.create(
        application=maria.application,
        sex="female",
        ethnicity="hispanic",
        races=["white"],
        disability="no",
        veteran="yes",
    )
    maria.application.is_current_employee = True
    maria.application.save()
    _ready(january, first_name="Sam", last_name="Young", ssn="234-56-7890")
    ApprenticeFactory(cohort=january, rapids_id="RA-1", person__ssn="345-67-8901")
    client.force_login(grace)

    page = client.get(URL, {"cohort": january.pk}).content.decode()
    assert "•••-••-6789" in page and "123-45-6789" not in page
    response = client.post(f"{URL}?cohort={january.pk}")

    assert response["Content-Disposition"].startswith('attachment; filename="rapids-')
    assert response["Cache-Control"] == "no-store"
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == PUBLISHED
    rows = _file(response)
    assert [r["Apprentice Last Name"] for r in rows] == ["Lopez", "Young"]
    lopez, young = rows
    assert lopez["Social Security Number"] == "123-45-6789"
    assert (lopez["Date of Birth"], lopez["Date Apprenticeship Begins"]) == (
        "03/07/1995",
        "01/04/2027",
    )
    assert (lopez["Gender"], lopez["Ethnicity Hispanic / Latino"], lopez["White"]) == (
        "F",
        "1",
        "1",
    )
    assert (lopez["Asian"], lopez["Apprentice Disability Status"]) == ("0", "2")  # 2: no
    assert (lopez["Veteran Status"], lopez["Employment Status"]) == ("1", "EE")
    assert (lopez["Apprentice 5-Digit Zip Code"], lopez["Apprentice State"]) == ("63108", "MO")
    assert (lopez["Employer"], lopez["Related Technical Instruction Provider"]) == (
        "EMP-77",
        "RTI-12",
    )
    assert (lopez["Wage Schedule"], lopez["Occupation"]) == ("WS-3", "1090CB")
    assert (lopez["Entry Wages"], lopez["Entry Wage Units"]) == ("17.50", "H")
    assert (lopez["Prior Wages"], lopez["Prior Wage Units"]) == ("14.25", "H")
    # did not self-identify: the "not disclosed" codes, never a guess
    assert [young[c] for c in ("Gender", "White", "Veteran Status")] == ["9", "9", "9"]
    assert young["Employment Status"] == "NE"
    assert lopez["Telephone"] == "3145550101"  # digits only: no "+" a spreadsheet would run
    layout = json.loads(Path(rapids.LAYOUT_FILE).read_text())["fields"]
    categories = {
        f["name"]: {str(c["value"] if isinstance(c, dict) else c) for c in f["categories"]}
        for f in layout
        if "categories" in f
    }
    assert {"Gender", "Veteran Status", "Apprentice Education Level"} <= set(categories)
    for row in rows:
        for column, allowed in categories.items():
            assert row[column] == "" or row[column] in allowed, column
    exports = PersonalDataAccess.objects.filter(action="export", actor=grace)
    assert exports.count() == 2
    assert "ssn" in exports.first().fields


@pytest.mark.django_db
def test_a_row_with_problems_is_named_and_left_out(client, grace, january):
    _ready(january, first_name="Ready", last_name="Row")
    _ready(
        january,
        first_name="Kid",
        last_name="Row",
        ssn="234-56-7890",
        date_of_birth=date(2012, 1, 1),
        zip_code="",
    )
    client.force_login(grace)
    page = client.get(URL).content.decode()
    assert "Apprentice 5-Digit Zip Code is missing." in page
    assert "Younger than 16 on the start date." in page
    assert "1 of 2 rows ready." in page

    rows = _file(client.post(URL))
    assert [r["Apprentice First Name"] for r in rows] == ["Ready"]


@pytest.mark.django_db
def test_layout_checks_length_pattern_codes_and_duplicate_ssn(january):
    a = _ready(january, street_address="x" * 55, zip_code="6310A")
    _ready(january, first_name="Twin")  # same SSN as `a`
    a.application.education_level = "4"
    a.application.save(update_fields=["education_level"])
    rows = {r.apprentice.person.first_name: r for r in rapids.registration_rows(
        rapids.registration_queryset())}  # fmt: skip
    errors = " ".join(rows[a.person.first_name].errors)
    assert "Apprentice 5-Digit Zip Code is not in the expected form." in errors
    assert "Apprentice Education Level has the code 4" in errors
    assert "Apprentice Street Address" not in errors  # 55 is allowed
    assert "same Social Security number" in " ".join(rows["Twin"].errors)
    assert "same Social Security number" in errors


@pytest.mark.django_db
def test_missing_program_settings_flag_every_row(client, grace, clinical_track):
    _ready(CohortFactory(track=clinical_track, start_date=date(2027, 2, 1)))
    client.force_login(grace)
    page = client.get(URL).content.decode()
    assert "Related Technical Instruction Provider is missing." in page
    assert "Wage Schedule is missing." in page
    assert client.post(URL).status_code == 200  # nothing ready: the page, not a file
    assert not PersonalDataAccess.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_fixing_the_record_makes_the_row_ready(client, grace, january):
    flagged = _ready(january, street_address="", zip_code="", prior_wage=None)
    client.force_login(grace)
    url = reverse("reports:rapids_details", args=[flagged.pk])
    assert "Apprentice Street Address is missing." in client.get(URL).content.decode()

    bad = client.post(url, {"street_address": "1 Main", "city": "X", "state": "ZZ"})
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    response = client.post(
        url,
        {
            "street_address": "12 Euclid Ave",
            "city": "St. Louis",
            "state": "MO",
            "zip_code": "63110",
            "education_level": "5",
            "prior_wage": "0",
            "prior_wage_unit": "H",
        },
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    flagged.person.refresh_from_db()
    assert (flagged.person.zip_code, flagged.prior_wage) == ("63110", Decimal("0"))
    assert "1 of 1 row ready." in client.get(URL).content.decode()
    row = _file(client.post(URL))[0]
    assert (row["Apprentice Street Address"], row["Prior Wages"]) == ("12 Euclid Ave", "0.00")


@pytest.mark.django_db
def test_the_updates_file_lists_unreported_changes(client, grace, january):
    done = _ready(january, first_name="Done", rapids_id="RA-100", status="completed")
    ApprenticeEvent.objects.create(
        apprentice=done,
        from_status=Apprentice.Status.ACTIVE,
        to_status=Apprentice.Status.COMPLETED,
        effective_on=date(2027, 12, 31),
        reason="Completed the program",
        notice="completion",
    )
    gone = _ready(january, first_name="Gone", ssn="234-56-7890", status="cancelled")
    ApprenticeEvent.objects.create(
        apprentice=gone,
        from_status=Apprentice.Status.PROBATION,
        to_status=Apprentice.Status.CANCELLED,
        effective_on=date(2027, 2, 1),
        reason="Left voluntarily",
        during_probation=True,
        notice="cancellation",
    )
    reported = ApprenticeEvent.objects.create(
        apprentice=done,
        from_status=Apprentice.Status.ACTIVE,
        to_status=Apprentice.Status.SUSPENDED,
        effective_on=date(2027, 6, 1),
        reported_to_dol_on=date(2027, 6, 5),
        notice="suspension",
    )
    client.force_login(grace)
    page = client.get(URL, {"kind": "updates"}).content.decode()
    assert "Not registered in RAPIDS" in page  # Gone has no RAPIDS number
    rows = _file(client.post(f"{URL}?kind=updates"))
    assert [(r["RAPIDS Apprentice Number"], r["Status"]) for r in rows] == [("RA-100", "Completed")]
    assert rows[0]["Status Effective Date"] == "12/31/2027"
    assert reported.reported_to_dol_on  # already reported: not in the file


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "ivy", "bob", "ed", "dana"])
def test_only_program_admins_see_or_download(client, request, who, january):
    apprentice = _ready(january)
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404
    assert client.post(URL).status_code == 404
    assert client.get(reverse("reports:rapids_details", args=[apprentice.pk])).status_code == 404
    assert not PersonalDataAccess.objects.filter(action="export").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"cohort": "999999"}, {"cohort": "x"}, {"kind": "<b>"}])
def test_bad_filters_fall_back_to_everything(client, grace, january, query):
    _ready(january)
    client.force_login(grace)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "1 of 1 row ready." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("registrations", "Nothing to register: every current apprentice has a RAPIDS"),
        ("updates", "Nothing to report: every status change has its report date recorded."),
    ],
)
def test_with_nothing_to_put_in_the_file_the_page_says_so(client, grace, program, kind, says):
    client.force_login(grace)
    page = client.get(URL, {"kind": kind}).content.decode()
    assert says in page
    assert "fix the problems" not in page and "Download the RAPIDS file" not in page
    response = client.post(f"{URL}?kind={kind}")
    assert response.status_code == 200
    assert "There is nothing to put in this file." in response.content.decode()
    assert not PersonalDataAccess.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_a_missing_apprentice_is_404(client, grace):
    client.force_login(grace)
    assert client.get(reverse("reports:rapids_details", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_apprentices(
    client, grace, january, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        _ready(january)
    client.force_login(grace)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_a_name_typed_as_a_formula_reaches_the_file_as_text(client, grace, january):
    _ready(january, first_name='=HYPERLINK("http://x")', last_name="@SUM(A1)")
    client.force_login(grace)
    row = _file(client.post(URL))[0]
    assert row["Apprentice First Name"] == '\'=HYPERLINK("http://x")'
    assert row["Apprentice Last Name"] == "'@SUM(A1)"


@pytest.mark.django_db
def test_export_rapids_command_writes_the_ready_rows(tmp_path, january):
    _ready(january, first_name="Ready")
    _ready(january, first_name="Flagged", ssn="234-56-7890", zip_code="")
    out = tmp_path / "rapids.csv"
    call_command("export_rapids", "--kind", "registrations", "--out", str(out))
    rows = list(csv.DictReader(out.open()))
    assert [r["Apprentice First Name"] for r in rows] == ["Ready"]
    assert PersonalDataAccess.objects.filter(action="export").count() == 1


@pytest.mark.django_db
def test_the_applicant_gives_address_and_education_on_the_form(client, clinical_track):
    application = ApplicationFactory(track=clinical_track, step="interest")
    url = reverse("applicants:background", args=[application.token])
    data = {
        "date_of_birth": (timezone.localdate() - timedelta(days=365 * 25)).isoformat(),
        "street_address": "5 Kingshighway",
        "city": "St. Louis",
        "state": "MO",
        "zip_code": "6311",
        "education_level": "6",
        "healthcare_months": "12",
    }
    assert "Five digits" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "zip_code": "63110"}).status_code == 302
    application.refresh_from_db()
    application.person.refresh_from_db()
    assert (application.person.zip_code, application.education_level) == ("63110", "6")


@pytest.mark.django_db
def test_a_long_list_shows_the_rows_to_fix_first_and_says_how_many(
    client, grace, january, monkeypatch
):
    monkeypatch.setattr("reports.views.RAPIDS_SHOWN", 2)
    for n in range(3):
        _ready(january, first_name=f"Ready{n}", ssn=f"123-45-678{n}")
    _ready(january, first_name="Flagged", ssn="234-56-7890", zip_code="")
    client.force_login(grace)
    page = client.get(URL).content.decode()
    assert "The first 2 of 4 rows are shown, those with a problem first" in page
    assert "Flagged" in page and "3 of 4 rows ready." in page
