from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.roles import Role
from clinic.selectors import approval_queue, department_ratios
from dashboard import selectors
from hiring.selectors import requisition_list
from programs.models import Track
from programs.selectors import current_program
from support.selectors import caseload


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(
            request,
            "dashboard/landing.html",
            {
                "program": current_program(),
                "tracks": Track.objects.active().prefetch_related("standards"),
            },
        )
    user = request.user
    context = {"departments": selectors.departments_of(user)}
    today = timezone.localdate()
    if user.is_program_staff:
        context["summary"] = selectors.staff_summary()
        context["classroom"] = selectors.classroom_summary(today=today)
        context["over_ratio"] = [r for r in department_ratios() if r.over]
    if Role.HIRING_MANAGER in user.roles:
        context["requisitions"] = requisition_list(viewer=user).exclude(status="closed")[:10]
    if Role.INSTRUCTOR in user.roles:
        context["todays_classes"] = selectors.instructor_today(user=user, today=today)
    if Role.PRECEPTOR in user.roles:
        context["weeks_to_approve"] = approval_queue(user=user).count()
    if Role.APPRENTICE in user.roles:
        context["agreement_to_sign"] = selectors.agreement_waiting(user=user)
        context["disability_invitation"] = selectors.disability_invitation_waiting(user=user)
        context["apprentice_program"] = selectors.program_of_apprentice(user=user)
    if Role.COACH in user.roles:
        context["caseload"] = caseload(user=user, today=today)[:15]
    return render(request, "dashboard/home.html", context)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker-compose: the app answers and the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
