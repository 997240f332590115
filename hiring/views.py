from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.actions import reported
from accounts.decorators import role_required
from accounts.roles import HIRING, STAFF, Role
from apprenticeship.requests import posted_id, posted_ids
from hiring import selectors, services
from hiring.forms import (
    AnswerForm,
    InterviewForm,
    OfferForm,
    OnboardingTaskForm,
    QuestionEditForm,
    QuestionForm,
    ReleaseForm,
    RequisitionCloseForm,
    RequisitionForm,
    ScorecardForm,
)
from hiring.models import (
    Interview,
    Offer,
    OnboardingItem,
    OnboardingTask,
    Question,
    Release,
    Requisition,
)
from programs.models import Department, Program
from programs.selectors import hire_rate


def _get_requisition_for_user(request: HttpRequest, requisition_id: int) -> Requisition:
    return get_object_or_404(
        Requisition.objects.visible_to(request.user).select_related(
            "department", "track", "cohort"
        ),
        pk=requisition_id,
    )


def _get_release_for_user(request: HttpRequest, release_id: int) -> Release:
    return get_object_or_404(
        Release.objects.visible_to(request.user).select_related(
            "application__person", "requisition__department", "requisition__cohort"
        ),
        pk=release_id,
    )


def _back_to(release: Release) -> HttpResponse:
    return redirect("hiring:candidate", release_id=release.pk)


@role_required(*HIRING)
def requisition_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    requisitions = selectors.requisition_list(viewer=request.user, status=status)
    return render(
        request,
        "hiring/requisition_list.html",
        {
            "page": Paginator(requisitions, 50).get_page(request.GET.get("page")),
            "summary": selectors.hiring_summary(viewer=request.user),
            "status": status,
            "statuses": Requisition.Status.choices,
        },
    )


@role_required(*HIRING)
def requisition_create(request: HttpRequest) -> HttpResponse:
    departments = Department.objects.visible_to(request.user).active()
    form = RequisitionForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            requisition = services.requisition_open(opened_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Requisition opened; the program office will approve it."))
            return redirect("hiring:requisition", requisition_id=requisition.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Open a requisition"),
            "cancel_url": reverse("hiring:requisition_list"),
        },
    )


@role_required(*HIRING)
def requisition_detail(request: HttpRequest, requisition_id: int) -> HttpResponse:
    requisition = _get_requisition_for_user(request, requisition_id)
    context = {
        "requisition": requisition,
        "cards": selectors.candidate_cards(
            releases=requisition.releases.all(), viewer=request.user
        ),
    }
    if request.user.is_program_staff:
        context["releasable"] = selectors.releasable(requisition=requisition)
        context["release_form"] = ReleaseForm()
    if requisition.status in Requisition.CLOSABLE_STATUSES:
        context["close_form"] = RequisitionCloseForm()
    return render(request, "hiring/requisition_detail.html", context)


@require_POST
@role_required(*STAFF)
def requisition_approve(request: HttpRequest, requisition_id: int) -> HttpResponse:
    requisition = _get_requisition_for_user(request, requisition_id)
    with reported(request, _("Requisition approved.")):
        services.requisition_approve(requisition=requisition, by=request.user)
    return redirect("hiring:requisition", requisition_id=requisition.pk)


@require_POST
@role_required(*HIRING)
def requisition_close(request: HttpRequest, requisition_id: int) -> HttpResponse:
    requisition = _get_requisition_for_user(request, requisition_id)
    form = RequisitionCloseForm(request.POST)
    with reported(request, _("Requisition closed.")):
        if not form.is_valid():
            raise ValidationError(
                _(
                    "Say why the requisition is closed (300 characters at most) and tick the "
                    "box to confirm."
                )
            )
        services.requisition_close(
            requisition=requisition, by=request.user, reason=form.cleaned_data["reason"]
        )
    return redirect("hiring:requisition", requisition_id=requisition.pk)


@require_POST
@role_required(*STAFF)
def candidates_release(request: HttpRequest, requisition_id: int) -> HttpResponse:
    requisition = _get_requisition_for_user(request, requisition_id)
    form = ReleaseForm(request.POST)
    chosen = selectors.releasable(requisition=requisition).filter(
        pk__in=posted_ids(request, "selected")
    )
    try:
        if not form.is_valid() or not chosen:
            raise ValidationError(_("Choose at least one ready-for-hire candidate."))
        n = services.candidates_release(
            requisition=requisition,
            applications=chosen,
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d candidate released to the hiring manager.",
                "%(n)d candidates released to the hiring manager.",
                n,
            )
            % {"n": n},
        )
    return redirect("hiring:requisition", requisition_id=requisition.pk)


@role_required(*HIRING)
def candidate(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    offer = getattr(release, "offer", None)
    (card,) = selectors.candidate_cards(
        releases=Release.objects.filter(pk=release.pk), viewer=request.user
    )
    onboarding = list(release.onboarding.select_related("done_by"))
    return render(
        request,
        "hiring/candidate.html",
        {
            "release": release,
            "card": card,
            "offer": offer,
            "offer_form": OfferForm(
                initial={
                    "made_on": timezone.localdate(),
                    "hourly_rate": hire_rate(release.requisition.track_id),
                }
            ),
            "answer_form": AnswerForm(initial={"answered_on": timezone.localdate()}),
            "onboarding": onboarding,
            "onboarding_open": [item for item in onboarding if item.done_at is None],
            "interviews": release.interviews.prefetch_related("panel"),
            "interview_form": InterviewForm(
                panel_choices=selectors.panel_candidates(release=release)
            ),
        },
    )


@require_POST
@role_required(*HIRING)
def offer_record(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    form = OfferForm(request.POST)
    with reported(request, _("Verbal offer recorded; the candidate was emailed.")):
        if not form.is_valid():
            raise ValidationError(_("Give the date, the position and a starting hourly rate."))
        services.offer_record(release=release, made_by=request.user, **form.cleaned_data)
    return _back_to(release)


@require_POST
@role_required(*HIRING)
def offer_answer(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    form = AnswerForm(request.POST)
    with reported(request, _("Answer recorded.")):
        offer = getattr(release, "offer", None)
        if offer is None or not form.is_valid():
            raise ValidationError(_("Record the answer and its date."))
        services.offer_answer(
            offer=offer,
            accepted=form.cleaned_data["answer"] == "accept",
            answered_on=form.cleaned_data["answered_on"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    return _back_to(release)


@require_POST
@role_required(*HIRING)
def onboarding_done(request: HttpRequest, release_id: int, item_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    item = get_object_or_404(OnboardingItem, pk=item_id, release=release)
    services.onboarding_item_done(item=item, by=request.user)
    return _back_to(release)


@require_POST
@role_required(*STAFF)
def enrol(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    try:
        apprentice = services.onboarding_complete(release=release, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back_to(release)
    messages.success(
        request,
        _("%(name)s is enrolled in %(cohort)s.")
        % {
            "name": apprentice.person,
            "cohort": apprentice.cohort,
        },
    )
    return redirect("classroom:cohort_detail", cohort_id=apprentice.cohort_id)


def _get_interview_for_user(request: HttpRequest, interview_id: int) -> Interview:
    return get_object_or_404(
        Interview.objects.filter(
            release__in=Release.objects.visible_to(request.user)
        ).select_related("release__application__person", "release__requisition__track"),
        pk=interview_id,
    )


@require_POST
@role_required(*HIRING)
def interview_schedule(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    form = InterviewForm(request.POST, panel_choices=selectors.panel_candidates(release=release))
    with reported(
        request, _("Interview scheduled; the candidate and the panel were emailed an invite.")
    ):
        if not form.is_valid():
            raise ValidationError(
                _("Give the date and time, the place and at least one panel member.")
            )
        services.interview_schedule(release=release, by=request.user, **form.cleaned_data)
    return _back_to(release)


@role_required(*HIRING)
def scorecard(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _get_interview_for_user(request, interview_id)
    track = interview.release.requisition.track
    competencies = selectors.competencies_of(track)
    form = ScorecardForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        try:
            services.scorecard_submit(
                interview=interview,
                panelist=request.user,
                ratings=form.ratings(),
                strengths=form.cleaned_data["strengths"],
                concerns=form.cleaned_data["concerns"],
                recommendation=form.cleaned_data["recommendation"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Scorecard submitted."))
            return redirect("hiring:scorecard", interview_id=interview.pk)
    visible, owed = selectors.scorecards_visible(interview=interview, viewer=request.user)
    for card in visible:  # ratings in the order of the kit's questions, then any others
        card.ordered_ratings = [(c, card.ratings[c]) for c in competencies if c in card.ratings] + [
            (c, r) for c, r in card.ratings.items() if c not in competencies
        ]
    return render(
        request,
        "hiring/scorecard.html",
        {
            "interview": interview,
            "form": form,
            "scorecards": visible,
            "owed": owed,
            "on_panel": interview.panel.filter(pk=request.user.pk).exists(),
            "started": timezone.now() >= interview.starts_at,
            "questions": track.interview_questions.filter(is_active=True),
            "submitted_count": interview.scorecards.count(),
            "panel_size": interview.panel.count(),
        },
    )


@role_required(*STAFF)
def question_bank(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.question_add(**form.cleaned_data)
        messages.success(request, _("Question added to the interview kit."))
        return redirect("hiring:questions")
    return render(
        request,
        "hiring/questions.html",
        {
            "form": form,
            "questions": Question.objects.select_related("track"),
        },
    )


@require_POST
@role_required(*STAFF)
def release_defer(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _get_release_for_user(request, release_id)
    with reported(request, _("The candidate will start with a later cohort.")):
        services.release_defer(release=release, by=request.user)
    return _back_to(release)


@role_required(*HIRING)
def offer_list(request: HttpRequest) -> HttpResponse:
    answer = request.GET.get("answer", Offer.Answer.PENDING)
    if answer not in Offer.Answer.values:
        answer = Offer.Answer.PENDING
    offers = selectors.offer_list(viewer=request.user, answer=answer)
    return render(
        request,
        "hiring/offer_list.html",
        {
            "page": Paginator(offers, 50).get_page(request.GET.get("page")),
            "answer": answer,
            "answers": Offer.Answer.choices,
            "today": timezone.localdate(),
        },
    )


@role_required(*HIRING)
def onboarding_list(request: HttpRequest) -> HttpResponse:
    releases = selectors.onboarding_list(viewer=request.user)
    return render(
        request,
        "hiring/onboarding_list.html",
        {
            "page": Paginator(releases, 50).get_page(request.GET.get("page")),
            "today": timezone.localdate(),
        },
    )


@role_required(*STAFF)
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("track"), pk=question_id)
    form = QuestionEditForm(
        request.POST or None,
        initial={
            "competency": question.competency,
            "text": question.text,
            "order": question.order,
            "is_active": question.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.question_edit(question=question, **form.cleaned_data)
        messages.success(request, _("Question saved."))
        return redirect("hiring:questions")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit a question of the %(track)s interview kit")
            % {"track": question.track.name},
            "intro": _("Retired questions leave the kit; scorecards already given stay."),
            "cancel_url": reverse("hiring:questions"),
        },
    )


@role_required(*STAFF)
def onboarding_checklist(request: HttpRequest) -> HttpResponse:
    programs = list(Program.objects.order_by("name").prefetch_related("onboarding_tasks"))
    form = OnboardingTaskForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_program_admin:
            raise PermissionDenied
        program = get_object_or_404(Program, pk=posted_id(request, "program"))
        if form.is_valid():
            services.onboarding_task_save(program=program, **form.cleaned_data)
            messages.success(request, _("Item added to the onboarding checklist."))
            return redirect("hiring:checklist")
    return render(
        request,
        "hiring/onboarding_checklist.html",
        {
            "programs": [
                (program, selectors.onboarding_checklist(program=program)) for program in programs
            ],
            "form": form,
            "can_edit": request.user.is_program_admin,
        },
    )


@require_POST
@role_required(Role.PROGRAM_ADMIN)
def onboarding_standard_adopt(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=program_id)
    with reported(request, _("The program now has its own checklist; edit any item.")):
        services.onboarding_standard_adopt(program=program)
    return redirect("hiring:checklist")


@role_required(Role.PROGRAM_ADMIN)
def onboarding_task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(OnboardingTask, pk=task_id)
    form = OnboardingTaskForm(
        request.POST or None,
        initial={
            "title": task.title,
            "owner": task.owner,
            "due_days": task.due_days,
            "order": task.order,
            "is_active": task.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.onboarding_task_save(program=task.program, task=task, **form.cleaned_data)
        messages.success(request, _("Checklist item saved."))
        return redirect("hiring:checklist")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit an onboarding item"),
            "intro": _("Candidates already onboarding keep the items they were given."),
            "cancel_url": reverse("hiring:checklist"),
        },
    )
