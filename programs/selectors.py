from django.db.models import Prefetch, QuerySet

from accounts.models import User
from programs.models import Department, Program, Track


def department_list(*, viewer: User) -> QuerySet[Department]:
    people = User.objects.only("id", "full_name", "email")
    return (
        Department.objects.visible_to(viewer)
        .select_related("program")
        .prefetch_related(
            Prefetch("hiring_managers", queryset=people),
            Prefetch("preceptors", queryset=people),
        )
        .order_by("name")
    )


def track_list(*, viewer: User) -> QuerySet[Track]:
    return Track.objects.visible_to(viewer).select_related("program").order_by("program", "name")


def current_program() -> Program | None:
    """The sponsor's program (one per installation today): the first one created."""
    return Program.objects.order_by("pk").first()
