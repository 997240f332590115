from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from apprenticeship.requests import posted_ids
from audit.services import personal_data_record
from clinic.selectors import own_apprenticeship, running_cohorts
from cohorts.models import Cohort
from cohorts.selectors import cohort_for_user
from programs.selectors import current_program
from support import selectors, services
from support.forms import (
    AssignForm,
    BarrierForm,
    CheckInForm,
    ReferralForm,
    SurveyAnswerForm,
    TutoringForm,
)
from support.models import (
    Barrier,
    CheckIn,
    Referral,
    SupportAction,
    SupportAssignment,
    Survey,
    in_force,
)

SUPPORTING = (*STAFF, Role.COACH)


@role_required(*SUPPORTING)
def caseload(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "support/caseload.html",
        {
            "caseload": selectors.caseload(user=request.user, today=timezone.localdate()),
            "cohorts": running_cohorts(today=timezone.localdate())
            if request.user.is_program_staff
            else [],
        },
    )


@role_required(*SUPPORTING)
def apprentice(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    person = selectors.apprentice_for_supporter(request.user, apprentice_id)
    program_id = person.cohort.track.program_id
    form = CheckInForm(request.POST or None, program_id=program_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in_record(
                apprentice=person,
                author=request.user,
                on=data["on"],
                how=data["how"],
                notes=data["notes"],
                confidential=data["confidential"],
                barriers=data["barriers"],
                action=data["action"],
                action_owner=data["action_owner"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Check-in saved."))
            return redirect("support:apprentice", apprentice_id=person.pk)
    check_ins = selectors.check_ins_for(apprentice=person, viewer=request.user)
    personal_data_record(
        actor=request.user, obj=person, fields=["coaching notes"], purpose="support page"
    )
    return render(
        request,
        "support/apprentice.html",
        {
            "apprentice": person,
            "form": form,
            "check_ins": check_ins,
            "actions": selectors.open_actions(person, viewer=request.user),
            "referrals": person.referrals.all(),
            "tutoring": person.tutoring.all(),
            "supporters": selectors.supporters_of(person),
            "referral_form": ReferralForm(initial={"referred_on": timezone.localdate()}),
            "tutoring_form": TutoringForm(initial={"on": timezone.localdate()}),
            "outcomes": Referral.Outcome.choices,
            "today": timezone.localdate(),
        },
    )


@require_POST
@role_required(*SUPPORTING)
def referral_add(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    person = selectors.apprentice_for_supporter(request.user, apprentice_id)
    form = ReferralForm(request.POST)
    form_action(
        request,
        form,
        success=_("Referral recorded."),
        invalid=_("Choose the service and the date."),
        action=lambda data: services.referral_record(apprentice=person, by=request.user, **data),
    )
    return redirect("support:apprentice", apprentice_id=person.pk)


@require_POST
@role_required(*SUPPORTING)
def referral_update(request: HttpRequest, apprentice_id: int, referral_id: int) -> HttpResponse:
    person = selectors.apprentice_for_supporter(request.user, apprentice_id)
    referral = get_object_or_404(person.referrals, pk=referral_id)
    with reported(request, _("Outcome saved.")):
        services.referral_outcome(referral=referral, outcome=request.POST.get("outcome", ""))
    return redirect("support:apprentice", apprentice_id=person.pk)


@require_POST
@role_required(*SUPPORTING)
def tutoring_add(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    person = selectors.apprentice_for_supporter(request.user, apprentice_id)
    form = TutoringForm(request.POST)
    form_action(
        request,
        form,
        success=_("Tutoring session recorded."),
        invalid=_("Give the date, the topic and the tutor."),
        action=lambda data: services.tutoring_record(apprentice=person, by=request.user, **data),
    )
    return redirect("support:apprentice", apprentice_id=person.pk)


@require_POST
@role_required(*SUPPORTING)
def action_done(request: HttpRequest, apprentice_id: int, action_id: int) -> HttpResponse:
    person = selectors.apprentice_for_supporter(request.user, apprentice_id)
    action = get_object_or_404(
        SupportAction.objects.filter(
            apprentice=person, check_in__in=CheckIn.objects.readable_by(request.user)
        ),
        pk=action_id,
    )
    with reported(request, _("Action done.")):
        services.action_done(action=action)
    return redirect("support:apprentice", apprentice_id=person.pk)


@role_required(*STAFF)
def assign(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_user(request.user, cohort_id)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = cohort.apprentices.current().filter(pk__in=posted_ids(request, "selected"))
        done, refused = services.supporters_assign(
            apprentices=chosen, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            ngettext("%(n)d apprentice assigned.", "%(n)d apprentices assigned.", done)
            % {"n": done},
        )
        if refused:
            messages.warning(request, "; ".join(refused))
        return redirect("support:assign", cohort_id=cohort.pk)
    apprentices = list(
        cohort.apprentices.current().select_related("person").order_by("person__last_name")
    )
    current = {
        (s.apprentice_id, s.kind): s.person
        for s in SupportAssignment.objects.filter(
            in_force(timezone.localdate()), apprentice__in=apprentices
        ).select_related("person")
    }
    rows = [(a, current.get((a.pk, "coach")), current.get((a.pk, "mentor"))) for a in apprentices]
    return render(request, "support/assign.html", {"cohort": cohort, "form": form, "rows": rows})


@role_required(*STAFF)
def barriers(request: HttpRequest) -> HttpResponse:
    program = current_program()
    if program is None:
        raise Http404
    form = BarrierForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_program_admin:
            raise Http404
        if form.is_valid():
            with reported(request, _("Barrier added.")):
                services.barrier_add(program=program, name=form.cleaned_data["name"])
            return redirect("support:barriers")
    return render(
        request,
        "support/barriers.html",
        {"form": form, "barriers": Barrier.objects.filter(program=program)},
    )


@role_required(*STAFF)
def survey_results(request: HttpRequest) -> HttpResponse:
    program = current_program()
    surveys = list(Survey.objects.filter(program=program).annotate(n=Count("responses")))
    survey = next((s for s in surveys if str(s.pk) == request.GET.get("survey")), None)
    survey = survey or (surveys[0] if surveys else None)
    cohorts = Cohort.objects.filter(start_date__lte=timezone.localdate()).select_related("track")
    cohort = next((c for c in cohorts if str(c.pk) == request.GET.get("cohort")), None)
    total, results = selectors.survey_results(survey=survey, cohort=cohort) if survey else (0, [])
    return render(
        request,
        "support/survey_results.html",
        {
            "surveys": surveys,
            "survey": survey,
            "cohorts": cohorts,
            "cohort": cohort,
            "total": total,
            "results": results,
            "floor": selectors.ANONYMITY_FLOOR,
        },
    )


# --- the apprentice -------------------------------------------------------------------------


@role_required(Role.APPRENTICE)
def my_support(request: HttpRequest) -> HttpResponse:
    person = own_apprenticeship(request.user)
    return render(
        request,
        "support/my_support.html",
        {
            "apprentice": person,
            "supporters": selectors.supporters_of(person),
            "actions": selectors.open_actions(person).filter(check_in__confidential=False),
            "surveys": selectors.surveys_due(apprentice=person, today=timezone.localdate()),
        },
    )


@role_required(Role.APPRENTICE)
def my_survey(request: HttpRequest, survey_id: int) -> HttpResponse:
    person = own_apprenticeship(request.user)
    due = selectors.surveys_due(apprentice=person, today=timezone.localdate())
    survey = next((s for s in due if s.pk == survey_id), None)
    if survey is None:
        raise Http404
    form = SurveyAnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(survey=survey, apprentice=person, answers=form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you: your answers help the program improve."))
            return redirect("support:my_support")
    return render(request, "support/my_survey.html", {"survey": survey, "form": form})
