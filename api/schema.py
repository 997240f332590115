"""The OpenAPI document says what every operation may answer besides success: problem details
(RFC 9457) for 400, 401, 403, 404, 429 on all; 412 and 422 where a write is refused; 304
and the ETag on single records."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as Base

PROBLEM = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["type", "title", "status", "detail"],
}
DESCRIPTIONS = {
    "400": "The request is not valid (field errors in `errors`).",
    "401": "No token, or an unknown, expired or revoked one.",
    "403": "The token lacks the scope this needs.",
    "404": "Not found, or outside the token's departments and tracks.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "412": "If-Match does not match: the record changed since.",
    "415": "Send JSON.",
    "422": "Refused by the program's rules.",
    "429": "Over the token's rate: wait Retry-After seconds.",
}


def _problem(code: str) -> dict:
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/problem+json": {"schema": PROBLEM}},
    }


class AutoSchema(Base):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = ["400", "401", "403", "404", "405", "406", "429"]
        if self.method in ("POST", "PATCH", "PUT"):
            codes += ["412", "415", "422"]
        for code in codes:
            responses.setdefault(code, _problem(code))
        if self.method == "GET" and self._is_a_detail():
            responses["304"] = {"description": "Not modified (If-None-Match)."}
        return responses

    def _is_a_detail(self) -> bool:
        return "{id}" in self.path or "{id}" in getattr(self, "path_regex", "")

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "429":
            headers["Retry-After"] = {"schema": {"type": "integer"}}
        return headers
