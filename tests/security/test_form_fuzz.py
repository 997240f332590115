"""Property-based bad input: every form of the project (public and staff) gets generated
input as a persona allowed to use it. Never a 500; and a refusal (a form shown again with
its errors, 400, 403, 404) leaves every table as it was: nothing half-saved.

The URLs, their objects and who may use them come from the access matrix. Field names come
from the page's own forms, plus every field name of every form in the project (for the
POST-only actions and for fields a page does not show).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django import forms
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from tests.security.test_access_matrix import ADMIN, EVERYONE, MATRIX, STAFF, world  # noqa: F401

EXAMPLES_PER_FORM = 10
SKIPPED = {
    "accounts:logout",  # signs out: nothing to fuzz
    "set_language",  # Django's own view
}
# Tables a refused request may still write: the audit of what was read, sign-in bookkeeping.
UNCHECKED_APPS = {"audit", "axes", "sessions", "admin", "contenttypes", "pghistory"}

EDGE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "12:99",
    "nan",
    "true",
    "on",
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\uff21\uff22\uff23\uff11\uff12\uff13",  # full-width letters and digits
    "x" * 5000,
]
values = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)


def _all_form_field_names() -> list[str]:
    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    names = set()
    for form_class in walk(forms.BaseForm):
        if form_class.__module__.split(".")[0] in {app.name for app in apps.get_app_configs()}:
            names.update(getattr(form_class, "base_fields", {}))
    return sorted(names)


class _FormValues(HTMLParser):
    """The values a page's POST forms would send as they are: the starting point to mutate."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.names: set[str] = set()  # every field, sent or not (unticked boxes too)
        self._in_post_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_post_form = (a.get("method") or "").lower() == "post"
        if not self._in_post_form or (not a.get("name") and tag != "option"):
            return
        if a.get("name"):
            self.names.add(a["name"])
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
            else:
                self._add(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select = a["name"]
            self.values.setdefault(self._select, [])
        elif (
            tag == "option" and self._select and ("selected" in a or not self.values[self._select])
        ):
            self.values[self._select] = [a.get("value", "")]
        elif tag == "textarea":
            self._textarea = a["name"]
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _page_form(response) -> tuple[dict[str, list[str]], set[str]]:
    """What the page's POST forms send as they are, and the names of all their fields."""
    if getattr(response, "streaming", False) or "html" not in response.get("Content-Type", ""):
        return {}, set()
    parser = _FormValues()
    parser.feed(response.content.decode(errors="replace"))
    parser.values.pop("csrfmiddlewaretoken", None)
    parser.names.discard("csrfmiddlewaretoken")
    return parser.values, parser.names


def _payloads(start: dict[str, list[str]], names: set[str], vocabulary: list[str]):
    """The page's own values with some replaced, some dropped, and stray fields added."""
    value_or_list = st.one_of(values, st.lists(values, min_size=1, max_size=3))
    own = sorted(names | set(start))
    mutated = (
        st.dictionaries(st.sampled_from(own), value_or_list, max_size=len(own))
        if own
        else st.just({})
    )
    dropped = st.sets(st.sampled_from(sorted(start)), max_size=2) if start else st.just(set())
    stray = st.dictionaries(st.sampled_from(vocabulary), value_or_list, max_size=3)
    return st.tuples(mutated, dropped, stray).map(
        lambda parts: {
            **{k: v for k, v in start.items() if k not in parts[1]},
            **parts[2],
            **parts[0],
        }
    )


def _row_counts() -> tuple[int, ...]:
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in UNCHECKED_APPS and model._meta.managed
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables)
        )
        return tuple(cursor.fetchone())


def _persona(allowed: set[str]) -> str:
    if "grace" in allowed:
        return "grace"
    if allowed == EVERYONE:
        return "anonymous"
    return sorted(allowed)[0]


FUZZED = sorted(name for name, (_, allowed, _) in MATRIX.items() if allowed and name not in SKIPPED)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FUZZED)
def test_generated_input_never_breaks_a_form(client, request, world, name):  # noqa: F811
    kwargs, allowed, post_only = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    persona = _persona(allowed)
    user = None
    if persona == "olga":
        user = User.objects.get(email="olga@example.org")
    elif persona != "anonymous":
        user = request.getfixturevalue(persona)
    start, names = {}, set()
    if not post_only:
        if user:
            client.force_login(user)
        start, names = _page_form(client.get(url))

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payload=_payloads(start, names, [*_all_form_field_names(), "selected"]))
    def post_generated(payload):
        cache.clear()  # the public forms' hourly limits
        with transaction.atomic():
            if user:
                client.force_login(user)
            before = _row_counts()
            response = client.post(url, payload)
            assert response.status_code < 500, f"{name} as {persona}: {payload!r}"
            if response.status_code != 302:  # refused or shown again with errors
                assert _row_counts() == before, f"{name} half-saved: {payload!r}"
            transaction.set_rollback(True)

    post_generated()


def test_the_fuzz_covers_the_forms_of_staff_and_public():
    assert {"applicants:background", "applicants:session_book"} <= set(FUZZED)
    assert {"accounts:user_invite", "hiring:requisition_create"} <= set(FUZZED)
    assert all(MATRIX[n][1] for n in FUZZED)
    assert ADMIN <= STAFF


# --- GET parameters and path segments --------------------------------------------------------

GET_PARAMETERS = [
    "q", "query", "month", "track_id", "track", "step", "page", "when", "role", "status",
    "record_id", "who", "since", "until", "before", "answer", "next", "week", "cohort",
    "department", "kind", "start", "end", "apprentice", "state", "code", "error",
]  # fmt: skip
BAD_SEGMENTS = ["0", "99999999999999999999", "%00", "x%00", "%C2%B2", "..%2F..", "x" * 300, "-1"]
PAGES = sorted(
    name
    for name, (_, allowed, post_only) in MATRIX.items()
    if allowed and not post_only and name not in SKIPPED
)
WITH_SEGMENTS = sorted(
    name for name, (kwargs, allowed, _) in MATRIX.items() if allowed and name not in SKIPPED
)


def _signed_in(client, request, allowed):
    persona = _persona(allowed)
    client.logout()
    if persona == "olga":
        client.force_login(User.objects.get(email="olga@example.org"))
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return persona


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_generated_get_parameters_never_break_a_page(client, request, world, name):  # noqa: F811
    kwargs, allowed, _post_only = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    persona = _signed_in(client, request, allowed)

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(query=st.dictionaries(st.sampled_from(GET_PARAMETERS), values, min_size=1))
    def get_generated(query):
        cache.clear()
        response = client.get(url, query)
        assert response.status_code < 500, f"{name} as {persona}: ?{query!r}"

    get_generated()
    for value in EDGE_VALUES:  # every edge value in every parameter once
        response = client.get(url, dict.fromkeys(GET_PARAMETERS, value))
        assert response.status_code < 500, f"{name} as {persona}: {value!r} in every parameter"


@pytest.mark.django_db
@pytest.mark.parametrize("name", WITH_SEGMENTS)
def test_a_bad_path_segment_never_gives_a_500(client, request, world, name):  # noqa: F811
    kwargs, allowed, _post_only = MATRIX[name]
    real = kwargs(world)
    if not real:
        pytest.skip("no path segment")
    url = reverse(name, kwargs=real)
    persona = _signed_in(client, request, allowed)
    for value in real.values():
        for bad in BAD_SEGMENTS:
            broken = url.replace(f"/{value}/", f"/{bad}/", 1)
            for method in ("get", "post"):
                cache.clear()
                response = getattr(client, method)(broken)
                # 404, a refusal, or a page saying the link or code is wrong: never a 500.
                assert response.status_code < 500, f"{method} {broken} as {persona}"
