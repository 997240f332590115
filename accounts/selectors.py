from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet

from accounts.models import User


def user_list(*, viewer: User, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.visible_to(viewer).prefetch_related(
        Prefetch("groups", queryset=Group.objects.only("name"))
    )
    if query:
        users = users.filter(full_name__icontains=query) | users.filter(email__icontains=query)
    if role:
        users = users.with_role(role)
    return users.order_by("full_name", "email")
