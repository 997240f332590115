"""Production settings: refuse to start without secrets; `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    # Only what a production host would have: none of the test settings' relaxations.
    test_only = {
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
    }
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    base["DJANGO_SETTINGS_MODULE"] = "apprenticeship.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", ALLOWED_HOSTS="apprentice.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k9$Vq2!mZ7@pL4#rT8^wX1&cN6*bH3(jF5)gD0-sA_yE+uI=oP",
        ALLOWED_HOSTS="apprentice.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_nightly_jobs_run_at_stated_times_of_the_programs_day():
    """Beat runs them by the clock in the program's time zone, not every 24 hours from
    whenever it started."""
    from celery.schedules import crontab
    from django.conf import settings

    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
    nightly = ["purge-expired-records", "end-probations", "wage-hours-steps"]
    for name in nightly:
        schedule = settings.CELERY_BEAT_SCHEDULE[name]["schedule"]
        assert isinstance(schedule, crontab), name
        assert len(schedule.hour) == 1 and len(schedule.minute) == 1, name
