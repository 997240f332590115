from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.decorators import role_required
from accounts.roles import STAFF, TEACHING
from apprenticeship.validators import is_ascii_digits
from cohorts import selectors, services
from cohorts.forms import ClosureForm, CohortForm, PlanYearForm
from cohorts.models import Cohort
from programs.models import Track
from programs.selectors import current_program


def _get_cohort_for_user(request, cohort_id: int) -> Cohort:
    return selectors.cohort_for_user(request.user, cohort_id)


@role_required(*TEACHING)
def cohort_list(request):
    track_id = request.GET.get("track", "")
    when = request.GET.get("when", "")
    cohorts = selectors.cohort_list(
        viewer=request.user,
        track_id=int(track_id) if is_ascii_digits(track_id) else None,
        when=when,
    )
    page = Paginator(cohorts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/cohort_list.html",
        {
            "page": page,
            "tracks": Track.objects.all(),
            "track_id": track_id,
            "when": when,
            "closures": selectors.closures_upcoming(today=timezone.localdate())[:10],
        },
    )


@role_required(*STAFF)
def cohort_plan_year(request):
    form = PlanYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.cohorts_plan_year(**form.cleaned_data)
        messages.success(
            request,
            ngettext(
                "%(n)d cohort created, with its class schedule.",
                "%(n)d cohorts created, each with its class schedule.",
                len(created),
            )
            % {"n": len(created)},
        )
        return redirect("cohorts:list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Plan the next twelve monthly cohorts"),
            "cancel_url": reverse("cohorts:list"),
        },
    )


@role_required(*STAFF)
def cohort_edit(request, cohort_id: int):
    cohort = _get_cohort_for_user(request, cohort_id)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        services.cohort_update(
            cohort=cohort, data={f: form.cleaned_data[f] for f in CohortForm.Meta.fields}
        )
        messages.success(request, _("Cohort saved."))
        return redirect("classroom:cohort_detail", cohort_id=cohort.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit %(cohort)s") % {"cohort": cohort},
            "cancel_url": reverse("classroom:cohort_detail", args=[cohort.pk]),
        },
    )


@role_required(*STAFF)
def closure_create(request):
    form = ClosureForm(request.POST or None)
    form.fields["cohort"].queryset = Cohort.objects.filter(
        start_date__gte=timezone.localdate().replace(day=1) - timezone.timedelta(days=120)
    ).select_related("track")
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        program = cohort.track.program if cohort else current_program()
        try:
            services.closure_add(
                program=program,
                cohort=cohort,
                day=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Closure added; classes that day were moved and people told.")
            )
            return redirect("cohorts:list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Add a closure or holiday"),
            "cancel_url": reverse("cohorts:list"),
        },
    )
