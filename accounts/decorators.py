from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404


def role_required(*roles: str, hidden: bool = False) -> Callable:
    """Signed-in users holding one of `roles`; everyone else signed in gets 403, or 404 with
    `hidden` (a page that does not even exist for them, such as a report)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not request.user.roles & set(roles):
                raise Http404 if hidden else PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
