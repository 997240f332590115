"""Each view names the scope each method needs (`scopes = {"GET": ..., "POST": ...}`)."""

from __future__ import annotations

from rest_framework import permissions

from api.models import ApiToken


class HasScope(permissions.BasePermission):
    message = "This token does not have the scope this needs."

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        needed = getattr(view, "scopes", {}).get(request.method)
        if needed is None and request.method in ("HEAD", "OPTIONS"):
            needed = view.scopes.get("GET")
        if needed is None:
            return False
        self.message = f"This token needs the scope {needed}."
        return needed in token.scopes
