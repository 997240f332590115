"""The provider's people: the same addresses as the app's demo logins where they exist, one
who is new to the app (an account is made on her first sign-in) and one whose group gives no
role. The password is published (README)."""

PASSWORD = "demo-sso-2026"  # nosec B105
# The app registered with the provider (make run SSO=1 and the tests configure the app so).
CLIENT_ID = "apprenticeship-demo"
CLIENT_SECRET = "demo-client-secret-for-this-laptop-only"  # nosec B105

USERS = {
    "grace@example.org": {
        "name": "Grace Okafor",
        "groups": ["program-admins"],
        "amr": ["pwd", "mfa"],
    },
    "alice@example.org": {"name": "Alice Alvarez", "groups": ["program-staff"]},
    "fay@example.org": {"name": "Fay Foster", "groups": ["preceptors"]},
    "ed@example.org": {"name": "Ed Evans", "groups": ["apprentices"]},
    "nina@example.org": {"name": "Nina Patel", "groups": ["preceptors"]},
    "otto@example.org": {"name": "Otto Vance", "groups": ["facilities"]},
}
