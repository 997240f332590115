from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from cohorts.models import Closure, Cohort


def cohort_list(*, viewer: User, track_id: int | None = None, when: str = "") -> QuerySet[Cohort]:
    cohorts = (
        Cohort.objects.visible_to(viewer)
        .with_seats()
        .select_related("track")
        .prefetch_related(Prefetch("instructors", queryset=User.objects.only("id", "full_name")))
        .order_by("start_date", "track__name")
    )
    if track_id:
        cohorts = cohorts.filter(track_id=track_id)
    today = timezone.localdate()
    if when == "upcoming":
        cohorts = cohorts.filter(start_date__gt=today)
    elif when == "past":
        cohorts = cohorts.filter(start_date__lte=today)
    return cohorts


def closures_upcoming(*, today: date) -> QuerySet[Closure]:
    return Closure.objects.filter(date__gte=today).select_related("cohort__track")


def cohort_for_user(user: User, cohort_id: int) -> Cohort:
    """A cohort the user may see, or 404 (anyone else's cohort does not exist for them)."""
    return get_object_or_404(Cohort.objects.visible_to(user), pk=cohort_id)
