"""The OpenID Connect client (Authlib): authorization code flow with PKCE (S256), state and
nonce kept in the session, the ID token's signature checked against the issuer's published
keys (JWKS, fetched again on an unknown key id) and its iss, aud, exp, iat and nonce
validated with OIDC_CLOCK_SKEW_SECONDS of leeway. The provider's address comes from its
discovery document, so only OIDC_ISSUER is configured.

Authlib rather than mozilla-django-oidc: it validates every claim of the ID token (issuer and
audience included) and reads the discovery document, where mozilla-django-oidc checks the
signature and nonce and leaves the rest to configuration (README, Single sign-on)."""

from __future__ import annotations

import time
from functools import lru_cache

from authlib.integrations.django_client import OAuth
from django.conf import settings

NAME = "institution"


@lru_cache(maxsize=4)
def _client(issuer: str, client_id: str, client_secret: str, scopes: str, state_seconds: int):
    oauth = OAuth()
    client = oauth.register(
        NAME,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "timeout": 10},
    )
    client.framework.expires_in = state_seconds
    return client


def client():
    """The configured provider's client (one per configuration, keeping its keys cached)."""
    return _client(
        settings.OIDC_ISSUER,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPES,
        settings.OIDC_STATE_SECONDS,
    )


def state_fresh(session, state: str) -> bool:
    """The state came back to the browser that started the sign-in, within
    OIDC_STATE_SECONDS (Authlib keeps an expired one, so this refuses it)."""
    kept = session.get(f"_state_{NAME}_{state}") if state else None
    return bool(kept) and kept.get("exp", 0) >= time.time()


def end_session_url(*, id_token: str, after: str) -> str | None:
    """Where signing out sends the browser so the provider's session ends too, if it can."""
    oauth = client()
    if not oauth.load_server_metadata().get("end_session_endpoint"):
        return None
    return oauth.create_logout_url(
        post_logout_redirect_uri=after, id_token_hint=id_token, client_id=oauth.client_id
    )["url"]
