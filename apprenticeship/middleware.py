"""Request hygiene shared by every page."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _


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


class NoStoreMiddleware:
    """Pages are made for one person (names, hours, pay, dates of birth, private links): no
    browser or proxy keeps a copy, so the back button on a shared computer or a cache on the
    way shows nothing after sign-out. A response that sets its own Cache-Control keeps it;
    static files are served before this by WhiteNoise with their long cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BYTES by its Content-Length, before Django reads
    it into a temp file (the upload caps of each form were checked only after 200 MB had been
    received)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                _("The upload is too large: files up to 10 MB are taken."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
