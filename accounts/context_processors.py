from django.http import HttpRequest

from accounts.roles import Role


def roles(request: HttpRequest) -> dict:
    """Expose the Role names and the signed-in user's roles to the navigation."""
    user = getattr(request, "user", None)
    user_roles = user.roles if user is not None and user.is_authenticated else frozenset()
    return {"Role": Role, "user_roles": user_roles}
