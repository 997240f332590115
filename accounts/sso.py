"""What the ground floor knows of single sign-on (identity/ does the signing in): which
accounts must use it, and what the session remembers of it."""

from django.conf import settings

# Set at a single sign-on whose provider reported multi-factor authentication (amr/acr):
# the local second step is then not asked (accounts.two_factor.session_verified).
MFA_SESSION_KEY = "sso_mfa"
# The provider's end-session address for this session (RP-initiated logout): signing out
# here goes there next, so the institution's session ends too.
END_SESSION_KEY = "sso_end_session_url"


def sso_required_for(email: str) -> bool:
    """Accounts of the institution's domains sign in only through the institution."""
    domain = email.rpartition("@")[2].lower()
    return settings.SSO_ENABLED and domain in settings.SSO_REQUIRED_DOMAINS
