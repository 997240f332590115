"""Periodic evaluations (29 CFR 29.5(b)(6)): opened a week before each week the standard
names, job performance rated by the preceptor, related instruction by the cohort's
instructor while the classroom weeks last, acknowledged by the apprentice; reminders chase
each step; acknowledged evaluations are in the progress report."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.evaluations import (
    acknowledged_evaluations,
    evaluation_acknowledge,
    evaluation_rate,
    evaluations_open,
)
from clinic.models import Evaluation
from programs.models import EvaluationCriterion
from reports.progress import progress_report

TODAY = timezone.localdate


def _ratings(evaluation, area, value=4):
    return {c.pk: value for c in evaluation.standard.criteria.filter(area=area)}


@pytest.fixture
def week_4(placed_ed):
    """Ed's week-4 evaluation: his cohort started three weeks ago, so it is due this week."""
    assert evaluations_open(today=TODAY()) >= 1
    return Evaluation.objects.get(apprentice=placed_ed, week=4)


@pytest.mark.django_db
def test_evaluations_open_a_week_ahead_once(placed_ed):
    evaluations_open(today=TODAY())
    assert evaluations_open(today=TODAY()) == 0  # idempotent
    weeks = list(Evaluation.objects.filter(apprentice=placed_ed).values_list("week", flat=True))
    assert weeks == [4]  # week 12 is two months away
    evaluation = Evaluation.objects.get()
    assert evaluation.due_on == placed_ed.employment_start + timedelta(weeks=4, days=-1)
    assert evaluation.needs_rti  # week 4 is within the 12 classroom weeks
    later = TODAY() + timedelta(weeks=30)
    evaluations_open(today=later)
    assert Evaluation.objects.get(apprentice=placed_ed, week=26).needs_rti is False


@pytest.mark.django_db
def test_each_part_is_rated_by_whom_it_belongs_to_once(week_4, fay, ivy, bob, ed, alice, pia):
    job = _ratings(week_4, "job")
    for stranger in (bob, ed, pia):  # a hiring manager, the apprentice, another department's
        with pytest.raises(ValidationError, match="preceptor rates job performance"):
            evaluation_rate(evaluation=week_4, area="job", ratings=job, comment="", by=stranger)
    with pytest.raises(ValidationError, match="preceptor rates job performance"):
        evaluation_rate(
            evaluation=week_4, area="rti", ratings=_ratings(week_4, "rti"), comment="", by=fay
        )
    with pytest.raises(ValidationError, match="Rate every criterion"):
        evaluation_rate(
            evaluation=week_4, area="job", ratings={**job, min(job): 6}, comment="", by=fay
        )
    evaluation_rate(evaluation=week_4, area="job", ratings=job, comment="Good start", by=fay)
    with pytest.raises(ValidationError, match="already rated"):
        evaluation_rate(evaluation=week_4, area="job", ratings=job, comment="", by=alice)
    week_4.refresh_from_db()
    assert not week_4.rated  # the classroom part is missing
    evaluation_rate(
        evaluation=week_4, area="rti", ratings=_ratings(week_4, "rti", 5), comment="", by=ivy
    )
    week_4.refresh_from_db()
    assert week_4.rated and week_4.job_by == fay and week_4.rti_by == ivy


@pytest.mark.django_db
def test_the_apprentice_acknowledges_and_it_reaches_the_progress_report(week_4, fay, ivy, ed):
    with pytest.raises(ValidationError, match="not complete yet"):
        evaluation_acknowledge(evaluation=week_4, user=ed, typed_name="Ed Evans", comment="")
    evaluation_rate(
        evaluation=week_4, area="job", ratings=_ratings(week_4, "job", 4), comment="", by=fay
    )
    evaluation_rate(
        evaluation=week_4, area="rti", ratings=_ratings(week_4, "rti", 3), comment="", by=ivy
    )
    assert acknowledged_evaluations(week_4.apprentice) == []  # not yet acknowledged
    with pytest.raises(ValidationError, match="Only the apprentice"):
        evaluation_acknowledge(evaluation=week_4, user=fay, typed_name="Ed Evans", comment="")
    with pytest.raises(ValidationError, match="Type your name"):
        evaluation_acknowledge(evaluation=week_4, user=ed, typed_name="Edward", comment="")
    evaluation_acknowledge(
        evaluation=week_4, user=ed, typed_name="ed evans", comment="I will practise more."
    )
    [row] = acknowledged_evaluations(week_4.apprentice)
    assert (str(row["job"]), str(row["rti"])) == ("4.0", "3.0")
    context = progress_report(apprentice=week_4.apprentice, today=TODAY())
    page = render_to_string("reports/progress_pdf.html", context)
    assert "Periodic evaluations (29 CFR 29.5(b)(6))" in page
    assert "Apprentice: I will practise more." in page


@pytest.mark.django_db
def test_the_pages_rate_and_acknowledge_and_keep_strangers_out(
    client, week_4, fay, ivy, ed, bob, pia, other_instructor
):
    url = reverse("clinic:evaluation", args=[week_4.pk])
    for stranger in (bob, pia, other_instructor):  # none of them takes part: as if absent
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, {"area": "job"}).status_code == 404
    client.force_login(fay)
    assert "Evaluation of Ed Evans, week 4" in client.get(url).content.decode()
    job = _ratings(week_4, "job")
    response = client.post(url, {"area": "job", **{f"job-c{pk}": 4 for pk in job}})
    assert "This field is required" in response.content.decode()  # the confirmation
    assert Evaluation.objects.get().job_at is None
    response = client.post(
        url,
        {
            "area": "job",
            **{f"job-c{pk}": 4 for pk in job},
            "job-comment": "Calm with patients",
            "job-confirm": "on",
        },
        follow=True,
    )
    assert "Ratings saved." in response.content.decode()
    client.force_login(ivy)
    rti = _ratings(week_4, "rti")
    client.post(url, {"area": "rti", **{f"rti-c{pk}": 5 for pk in rti}, "rti-confirm": "on"})
    client.force_login(ed)
    page = client.get(url).content.decode()
    assert "Calm with patients" in page and "Acknowledge" in page
    response = client.post(
        reverse("clinic:evaluation_acknowledge", args=[week_4.pk]),
        {"typed_name": "Ed Evans", "comment": ""},
        follow=True,
    )
    assert "Acknowledged" in response.content.decode()
    assert Evaluation.objects.get().acknowledged_name == "Ed Evans"
    listing = client.get(reverse("clinic:evaluations")).content.decode()
    assert "My evaluations" in listing and "Week 4" in listing


@pytest.mark.django_db
def test_reminders_chase_the_ratings_and_the_acknowledgment(week_4, fay, ivy, ed):
    from reminders import services
    from reminders.models import Reminder

    Evaluation.objects.filter(pk=week_4.pk).update(due_on=TODAY() - timedelta(days=1))
    services.sweep()
    to_rate = Reminder.objects.filter(rule="evaluation_not_rated")
    assert {r.user for r in to_rate} == {fay, ivy}
    assert all("week 4" in r.title for r in to_rate)
    evaluation_rate(
        evaluation=week_4, area="job", ratings=_ratings(week_4, "job"), comment="", by=fay
    )
    evaluation_rate(
        evaluation=week_4, area="rti", ratings=_ratings(week_4, "rti"), comment="", by=ivy
    )
    services.clear_done(now=timezone.now())
    assert to_rate.exists() and all(r.done_at for r in to_rate.all())
    Evaluation.objects.filter(pk=week_4.pk).update(job_at=timezone.now() - timedelta(days=2))
    services.sweep()
    reminder = Reminder.objects.get(rule="evaluation_to_acknowledge")
    assert reminder.user == ed and "week 4 evaluation" in reminder.title


@pytest.mark.django_db
def test_the_criteria_are_the_standard_s_and_change_with_a_new_version(client, grace, placed_ed):
    from programs.services import standard_draft

    standard = placed_ed.standard
    assert standard.criteria.filter(area="job").count() == 4
    client.force_login(grace)
    url = reverse("programs:criterion_add", args=[standard.pk])
    response = client.post(url, {"area": "job", "text": "Infection control"}, follow=True)
    assert "was sent to the registration agency" in response.content.decode()  # approved
    draft = standard_draft(track=standard.track, by=grace)
    assert draft.criteria.count() == standard.criteria.count()  # copied
    client.post(
        reverse("programs:criterion_add", args=[draft.pk]),
        {"area": "job", "text": "Infection control"},
    )
    assert draft.criteria.filter(text="Infection control").exists()
    removed = draft.criteria.first()
    client.post(reverse("programs:criterion_remove", args=[draft.pk, removed.pk]))
    assert not EvaluationCriterion.objects.filter(pk=removed.pk).exists()
    page = client.get(reverse("programs:standard_detail", args=[draft.pk])).content.decode()
    assert "Infection control" in page and "At weeks 4, 12, 26, 52 of the term." in page
