"""The instructor's day: today's classes, or on a day without one, the last and next class."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classroom.models import ClassSession


@pytest.mark.django_db
def test_on_a_day_without_class_the_last_and_next_class_are_linked(client, ivy, cohort):
    today = timezone.localdate()
    todays = cohort.sessions.get(date=today, kind=ClassSession.Kind.REGULAR)
    todays.date = today + timedelta(days=1)  # moved to tomorrow: nothing today
    todays.save()
    client.force_login(ivy)
    page = client.get(reverse("classroom:today")).content.decode()
    assert "No classes today." in page
    last = cohort.sessions.filter(date__lt=today).order_by("-date").first()
    assert reverse("classroom:session_attendance", args=[last.pk]) in page
    assert "Next class: " + (today + timedelta(days=1)).strftime("%A, %B %-d") in page


@pytest.mark.django_db
def test_with_a_class_today_it_is_listed(client, ivy, todays_session):
    client.force_login(ivy)
    page = client.get(reverse("classroom:today")).content.decode()
    assert reverse("classroom:session_attendance", args=[todays_session.pk]) in page
    assert "Last class:" not in page


@pytest.mark.django_db
def test_everyone_present_marks_the_unmarked_rows(client, ivy, todays_session, ed_apprentice):
    client.force_login(ivy)
    client.post(
        reverse("classroom:session_attendance", args=[todays_session.pk]),
        {f"late_{ed_apprentice.pk}": "30", "all_present": "1"},
    )
    mark = todays_session.attendance.get(apprentice=ed_apprentice)
    assert (mark.status, mark.minutes_late) == ("present", 0)  # minutes count only when late


@pytest.mark.django_db
def test_past_classes_say_held_or_attendance_not_taken(client, ivy, cohort, todays_session):
    client.force_login(ivy)
    page = client.get(reverse("classroom:cohort_detail", args=[cohort.pk])).content.decode()
    assert "Attendance not taken" in page and "Today" in page
