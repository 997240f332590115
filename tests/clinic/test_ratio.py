"""29 CFR 29.5(b)(7): the ratio of apprentices to journeyworkers (preceptors) the standard
sets, per department: flagged on the department page, the staff home and the program report,
and a placement that would break it asks first."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Apprentice
from programs.models import Standard
from reports.program import program_report
from tests.cohorts.factories import ApprenticeFactory


@pytest.fixture
def one_per_preceptor(clinical_track):
    Standard.objects.filter(track=clinical_track).update(apprentices_per_preceptor=1)


@pytest.mark.django_db
def test_a_department_over_its_ratio_is_flagged_where_staff_look(
    client, alice, placed_ed, cardiology, cohort, one_per_preceptor
):
    client.force_login(alice)
    detail = reverse("programs:department_detail", args=[cardiology.pk])
    assert "over the ratio" not in client.get(detail).content.decode()
    second = ApprenticeFactory(cohort=cohort, department=cardiology)
    page = client.get(detail).content.decode()
    assert "2 apprentices for 1 preceptors (at most 1 each)" in page
    assert "over the ratio" in page
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Departments over their ratio" in home and cardiology.name in home
    today = timezone.localdate()
    report = program_report(track=cohort.track, start=cohort.start_date, end=today, today=today)
    rules = [flag.rule for flag in report.flags]
    assert "More apprentices than the ratio to preceptors allows" in rules
    # Someone who left does not count.
    Apprentice.objects.filter(pk=second.pk).update(status=Apprentice.Status.CANCELLED)
    assert "over the ratio" not in client.get(detail).content.decode()


@pytest.mark.django_db
def test_a_placement_that_breaks_the_ratio_asks_before_saving(
    client, alice, placed_ed, cardiology, cohort, fay, one_per_preceptor
):
    newcomer = ApprenticeFactory(cohort=cohort)
    client.force_login(alice)
    url = reverse("clinic:placements", args=[cohort.pk])
    form = {
        "selected": [newcomer.pk],
        "department": cardiology.pk,
        "preceptor": fay.pk,
        "starts_on": timezone.localdate().isoformat(),
    }
    page = client.post(url, form).content.decode()
    assert "over the standard's ratio of 1 apprentices per preceptor" in page
    newcomer.refresh_from_db()
    assert newcomer.department is None
    assert client.post(url, {**form, "over_ratio": "yes"}).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.department == cardiology
