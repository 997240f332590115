"""Private-link tokens never reach a log: the access log and Django's request log name paths
such as ``/apply/a/<token>/``, so every record is rewritten with the tokens blanked."""

from __future__ import annotations

import logging
import re

# A token is a path segment of 20+ URL-safe characters, or any run of 20+ of them with a
# capital or a digit in it, whatever stands before or after (`<token>.`, `<token>)`,
# `<token>%00`); ids, slugs and dates in our URLs are shorter, and Python names in log
# messages (lowercase words) are left alone.
TOKEN_IN_PATH = re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=[/?\s\"]|$)")
TOKEN_ANYWHERE = re.compile(
    r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])"
)
TOKEN_IN_QUERY = re.compile(r"(?<![^?&\s])(token|code|key)=[^&\s\"]+", re.IGNORECASE)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    text = TOKEN_ANYWHERE.sub(REDACTED, TOKEN_IN_PATH.sub(REDACTED, text))
    return TOKEN_IN_QUERY.sub(lambda m: f"{m.group(1)}={REDACTED}", text)


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def gunicorn_logger_class() -> type:
    from gunicorn import glogging

    class RedactingGunicornLogger(glogging.Logger):
        """Gunicorn's access log with the request line, query and referrer redacted."""

        def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
            atoms = super().atoms(resp, req, environ, request_time)
            return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}

    return RedactingGunicornLogger
