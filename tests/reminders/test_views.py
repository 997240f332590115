"""The notification centre, preferences and the rule settings: each person sees their own,
following a notification opens the thing and marks it read, bad input saves nothing."""

import pytest
from django.urls import reverse

from reminders.models import Preference, Reminder, RuleSetting


def _reminder(user, **kw):
    defaults = {
        "key": f"attendance_not_taken:u{user.pk}:{kw.get('object_id', 1)}:",
        "rule": "attendance_not_taken",
        "object_id": 1,
        "user": user,
        "email": user.email,
        "title": "Take attendance: Vital signs, Nov 20",
        "url": "/classroom/today/",
    }
    return Reminder.objects.create(**{**defaults, **kw})


@pytest.mark.django_db
def test_the_bell_counts_unread_open_items_and_the_list_shows_them(client, ivy, monkeypatch):
    monkeypatch.setattr(
        "reminders.rules.AttendanceNotTaken.still_due", lambda self, ids, now: set(ids)
    )
    _reminder(ivy)
    _reminder(ivy, object_id=2, key="k2", read_at="2026-11-20T10:00Z")
    client.force_login(ivy)
    bell = client.get(reverse("reminders:bell")).content.decode()
    assert '<span class="badge text-bg-danger" id="bell-count">1<' in bell
    page = client.get(reverse("reminders:inbox")).content.decode()
    assert page.count("reminders/") and page.count('<li class="list-group-item') == 2


@pytest.mark.django_db
def test_a_done_item_leaves_the_list_and_the_bell(client, ivy):
    _reminder(ivy, object_id=999999)  # no such session: nothing is due
    client.force_login(ivy)
    assert "bell-count" not in client.get(reverse("reminders:bell")).content.decode()
    assert "Nothing is due" in client.get(reverse("reminders:inbox")).content.decode()


@pytest.mark.django_db
def test_following_opens_the_thing_and_marks_it_read(client, ivy):
    reminder = _reminder(ivy)
    client.force_login(ivy)
    response = client.get(reverse("reminders:follow", args=[reminder.pk]))
    assert response.url == "/classroom/today/"
    reminder.refresh_from_db()
    assert reminder.read_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)"]
)
def test_a_stored_link_never_leaves_the_site(client, ivy, url):
    reminder = _reminder(ivy, url=url)
    client.force_login(ivy)
    assert client.get(reverse("reminders:follow", args=[reminder.pk])).url == reverse(
        "reminders:inbox"
    )


@pytest.mark.django_db
def test_nobody_follows_or_marks_someone_elses_notification(client, ivy, ed):
    reminder = _reminder(ivy)
    client.force_login(ed)
    assert client.get(reverse("reminders:follow", args=[reminder.pk])).status_code == 404
    client.post(reverse("reminders:read"), {"reminder": [reminder.pk]})
    reminder.refresh_from_db()
    assert reminder.read_at is None
    assert "Take attendance" not in client.get(reverse("reminders:inbox")).content.decode()


@pytest.mark.django_db
def test_mark_all_as_read(client, ivy):
    _reminder(ivy)
    _reminder(ivy, object_id=2, key="k2")
    client.force_login(ivy)
    client.post(reverse("reminders:read"))
    assert not Reminder.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_preferences_save_the_digest_and_the_optional_emails(client, ed):
    client.force_login(ed)
    response = client.post(
        reverse("reminders:preferences"),
        {"mode": "digest", "digest_hour": "6", "email_class_tomorrow": "", "email_exam_soon": "on"},
    )
    assert response.status_code == 302
    preference = Preference.objects.get(user=ed)
    assert (preference.mode, preference.digest_hour) == ("digest", 6)
    page = client.get(reverse("reminders:preferences"))
    assert page.context["form"]["email_class_tomorrow"].initial is False
    assert page.context["form"]["email_exam_soon"].initial is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mode": "digest", "digest_hour": "24"}, "less than or equal to 23"),
        ({"mode": "sometimes", "digest_hour": "7"}, "Select a valid choice"),
        ({"mode": "at_once", "digest_hour": "7", "quiet_from": "22:00"}, "both ends"),
        (
            {"mode": "at_once", "digest_hour": "7", "quiet_from": "22:00", "quiet_until": "22:00"},
            "another time than they start",
        ),
        (
            {"mode": "at_once", "digest_hour": "7", "quiet_from": "25:00", "quiet_until": "6:00"},
            "Enter a valid time",
        ),
    ],
)
def test_bad_preferences_are_refused(client, ed, data, message):
    client.force_login(ed)
    response = client.post(reverse("reminders:preferences"), data)
    assert message in response.content.decode()
    assert not Preference.objects.exists()


def _settings_data(**change):
    from reminders.rules import CATALOGUE

    data = {}
    for rule in CATALOGUE:
        data[f"{rule.code}_enabled"] = "on"
        data[f"{rule.code}_days"] = str(rule.days)
        data[f"{rule.code}_escalate"] = str(rule.escalate_days or "")
    data.update(change)
    return data


@pytest.mark.django_db
def test_the_admin_changes_a_threshold_and_switches_a_rule_off(client, grace):
    client.force_login(grace)
    data = _settings_data(exam_soon_days="3")
    del data["class_tomorrow_enabled"]
    assert client.post(reverse("reminders:settings"), data).status_code == 302
    assert RuleSetting.objects.get(code="exam_soon").days == 3
    assert RuleSetting.objects.get(code="class_tomorrow").enabled is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change", [{"exam_soon_days": "-1"}, {"exam_soon_days": "x"}, {"exam_soon_escalate": "0"}]
)
def test_bad_thresholds_are_refused(client, grace, change):
    client.force_login(grace)
    response = client.post(reverse("reminders:settings"), _settings_data(**change))
    assert response.status_code == 200
    assert not RuleSetting.objects.exists()


@pytest.mark.django_db
def test_staff_read_the_rules_and_only_admins_change_them(client, alice):
    client.force_login(alice)
    page = client.get(reverse("reminders:settings")).content.decode()
    assert "Attendance not taken" in page and "disabled" in page
    assert client.post(reverse("reminders:settings"), _settings_data()).status_code == 404
    assert not RuleSetting.objects.exists()


@pytest.mark.django_db
def test_a_long_inbox_says_how_many_are_open(client, ivy, monkeypatch):
    monkeypatch.setattr("reminders.views.INBOX_SHOWN", 2)
    monkeypatch.setattr("reminders.services.clear_done", lambda **kw: None)
    for n in range(3):
        _reminder(ivy, object_id=n + 1, title=f"Item {n}")
    client.force_login(ivy)
    page = client.get(reverse("reminders:inbox")).content.decode()
    assert "The 2 newest of 3 open notifications are shown" in page
