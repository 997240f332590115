"""Request hygiene shared by every page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict


class StripNulFromQueryMiddleware:
    """PostgreSQL text cannot hold a NUL byte, so a ``%00`` in any search or filter would end in
    a database error (a 500). NUL is never meaningful in a query string: it is dropped here,
    once, for every GET filter of the product."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A NUL reaches a value only percent-encoded, so most requests skip parsing here.
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
