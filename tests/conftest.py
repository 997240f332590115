import os
import shutil
import tempfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_groups_sync
from classroom.models import ClassSession
from classroom.services import class_schedule_generate
from tests import clock, factories
from tests.cohorts.factories import ApprenticeFactory, CohortFactory

# Playwright's sync API runs an event loop in the test thread; Django must still allow the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """Freeze the suite's `today` before any test module is imported (see tests/clock.py).
    The day is written to the environment first, so parallel workers (pytest-xdist) started
    from this process run as of the same day even across midnight."""
    os.environ.setdefault("TODAY", clock.chosen_moment().date().isoformat())
    clock.start()


def pytest_unconfigure(config):
    clock.stop()


def pytest_report_header(config):
    moment = clock.started_at()
    return (
        f"today: {moment:%Y-%m-%d %H:%M %Z} (replay with make test "
        f"TODAY={moment:%Y-%m-%d} NOW={moment:%H:%M})"
    )


@pytest.fixture
def today():
    """The run's frozen day in the program's time zone: build dates from this."""
    return timezone.localdate()


@pytest.fixture(autouse=True)
def _role_groups(db):
    """Every test starts with the role groups that `migrate` keeps in place."""
    role_groups_sync()


@pytest.fixture(autouse=True)
def _english():
    """Every test starts in the default language: a view that switched this thread to an
    applicant's Spanish (as a request's LocaleMiddleware would undo) must not reach the next
    test's direct service calls, whatever order the tests run in."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def program():
    return factories.ProgramFactory()


@pytest.fixture
def clinical_track(program):
    return factories.TrackFactory(program=program)


@pytest.fixture
def cardiology(program, bob, fay):
    department = factories.DepartmentFactory(program=program, name="Cardiology")
    department.hiring_managers.add(bob)
    department.preceptors.add(fay)
    return department


@pytest.fixture
def pediatrics(program, carol):
    department = factories.DepartmentFactory(program=program, name="Pediatrics")
    department.hiring_managers.add(carol)
    return department


def _user(email: str, name: str, *roles: str) -> User:
    return factories.UserFactory(email=email, full_name=name, roles=roles)


@pytest.fixture
def grace():
    return _user("grace@example.org", "Grace Okafor", Role.PROGRAM_ADMIN)


@pytest.fixture
def alice():
    return _user("alice@example.org", "Alice Alvarez", Role.PROGRAM_STAFF)


@pytest.fixture
def bob():
    return _user("bob@example.org", "Bob Brennan", Role.HIRING_MANAGER)


@pytest.fixture
def carol():
    return _user("carol@example.org", "Carol Chen", Role.HIRING_MANAGER)


@pytest.fixture
def dana():
    return _user("dana@example.org", "Dana Davis", Role.APPLICANT)


@pytest.fixture
def ed():
    return _user("ed@example.org", "Ed Evans", Role.APPRENTICE)


@pytest.fixture
def fay():
    return _user("fay@example.org", "Fay Foster", Role.PRECEPTOR)


@pytest.fixture
def ivy():
    return _user("ivy@example.org", "Ivy Ingram", Role.INSTRUCTOR)


@pytest.fixture
def cody():
    return _user("cody@example.org", "Cody Whitfield", Role.COACH)


@pytest.fixture
def gus():
    return _user("gus@example.org", "Gus Romero", Role.DEPARTMENT_APPROVER)


# --- a cohort in its classroom weeks (cohorts, classroom, dashboard) ------------------------


@pytest.fixture
def cohort(clinical_track, ivy):
    """A clinical cohort three weeks into its classroom weeks, taught by Ivy."""
    today = timezone.localdate()
    start = today - timedelta(days=21 + today.weekday())
    cohort = CohortFactory(track=clinical_track, start_date=start, class_weekday=today.weekday())
    cohort.instructors.add(ivy)
    class_schedule_generate(cohort=cohort)
    return cohort


@pytest.fixture
def ed_apprentice(cohort, ed):
    apprentice = ApprenticeFactory(
        cohort=cohort, person__first_name="Ed", person__last_name="Evans"
    )
    apprentice.person.user = ed
    apprentice.person.save()
    return apprentice


@pytest.fixture
def todays_session(cohort):
    return cohort.sessions.get(date=timezone.localdate(), kind=ClassSession.Kind.REGULAR)


@pytest.fixture
def other_instructor():
    from accounts.roles import Role
    from tests.factories import UserFactory

    return UserFactory(email="olga@example.org", full_name="Olga Other", roles=[Role.INSTRUCTOR])


# --- browser journeys (Playwright on Debian's Chromium) ------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must run the browser tests.")
        pytest.skip(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    home = tempfile.mkdtemp(prefix="chromium-home-")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    os.environ["XDG_CACHE_HOME"] = os.path.join(home, "cache")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
