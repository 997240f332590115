"""`Authorization: Bearer apt_...`: the token's own account is the request's user; no session
cookie is read, so CSRF does not apply. The token is never logged (apprenticeship
.logfilters redacts Authorization headers)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.tokens import token_for, token_used


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, raw = header.partition(" ")
        if keyword != self.keyword or not raw.strip():
            raise exceptions.AuthenticationFailed(_("Send the token as: Bearer <token>."))
        token = token_for(raw.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Unknown, expired or revoked token."))
        token_used(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "apt_... token"}
