from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role
from retention.models import RetentionRun
from retention.services import retention_cutoff


@role_required(Role.PROGRAM_ADMIN)
def run_list(request):
    """Each purge and what it removed: the program's own record of its deletions."""
    page = Paginator(RetentionRun.objects.all(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "retention/run_list.html",
        {"page": page, "years": settings.RETENTION_YEARS, "next_cutoff": retention_cutoff()},
    )
