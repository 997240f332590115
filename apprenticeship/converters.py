"""Path converters: a private-link token is URL-safe base64 of a fixed size, so anything else
(a NUL byte, a slash trick, a 10 kB string) fails URL resolution with a 404 before any query."""

from django.urls import register_converter


class TokenConverter:
    regex = r"[A-Za-z0-9_-]{20,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register() -> None:
    register_converter(TokenConverter, "token")
