"""A rate per token (API_RATE, default 600 a minute); over it: 429 with Retry-After."""

from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is None:
            return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
        return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}
