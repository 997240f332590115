from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import Role
from retention import services
from retention.forms import HoldForm
from retention.models import RecordsHold, RetentionRun
from retention.services import retention_cutoff


@role_required(Role.PROGRAM_ADMIN)
def run_list(request):
    """Each purge and what it removed: the program's own record of its deletions."""
    page = Paginator(RetentionRun.objects.all(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "retention/run_list.html",
        {
            "page": page,
            "years": settings.RETENTION_YEARS,
            "next_cutoff": retention_cutoff(),
            "holds": RecordsHold.objects.filter(lifted_at__isnull=True).prefetch_related("people"),
            "hold_form": HoldForm(initial={"starts_on": timezone.localdate()}),
        },
    )


@require_POST
@role_required(Role.PROGRAM_ADMIN)
def hold_add(request):
    form_action(
        request,
        HoldForm(request.POST),
        success=_("Hold placed: the purge keeps these records until it ends."),
        invalid=_("Give the reason, what it concerns, the start and whom it holds."),
        action=lambda data: services.hold_place(by=request.user, **data),
    )
    return redirect("retention:runs")


@require_POST
@role_required(Role.PROGRAM_ADMIN)
def hold_lift(request, hold_id: int):
    hold = get_object_or_404(RecordsHold, pk=hold_id)
    with reported(request, _("Hold lifted: the records it kept follow the retention period.")):
        if request.POST.get("confirm") != "yes":
            raise ValidationError(_("Tick the box to confirm the hold is lifted."))
        services.hold_lift(hold=hold, by=request.user)
    return redirect("retention:runs")
