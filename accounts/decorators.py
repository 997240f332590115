from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(*roles: str) -> Callable:
    """Signed-in users holding one of `roles`; everyone else signed in gets 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not request.user.roles & set(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
