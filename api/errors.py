"""Errors as RFC 9457 problem details (`application/problem+json`): type, title, status,
detail, and the field errors of a refused body."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
}


def _flatten(detail) -> str:
    if isinstance(detail, list):
        return " ".join(_flatten(d) for d in detail)
    if isinstance(detail, dict):
        return " ".join(f"{k}: {_flatten(v)}" for k, v in detail.items())
    return str(detail)


def problem(status_code: int, detail: str, errors: dict | None = None, **extra) -> Response:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return Response(body, status=status_code, content_type="application/problem+json")


def problem_details(exc, context):
    if isinstance(exc, DjangoValidationError):
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return problem(422, " ".join(" ".join(v) for v in messages.values()), errors=messages)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        errors = detail if isinstance(detail, dict) else {"": detail}
        text = "The request's body is not valid: see errors."
    else:
        text = _flatten(response.data.get("detail", response.data))
    reply = problem(response.status_code, text, errors=errors)
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in response:
            reply[header] = response[header]
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in reply:
        reply["WWW-Authenticate"] = 'Bearer realm="api"'
    return reply
