"""Support services around the apprentice: a coach and a mentor, check-ins with barriers and
actions, referrals to services, tutoring, and short feedback surveys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apprenticeship.dates import in_force
from apprenticeship.history import track_changes
from cohorts.models import Apprentice
from programs.models import Program

if TYPE_CHECKING:
    from accounts.models import User


@track_changes()
class SupportAssignment(models.Model):
    """Who coaches or mentors an apprentice, from a date; a change ends the open one."""

    class Kind(models.TextChoices):
        COACH = "coach", _("Coach")
        MENTOR = "mentor", _("Mentor")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="supporters")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_assignments"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["apprentice", "kind", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["apprentice", "kind"],
                condition=Q(ends_on__isnull=True),
                name="one_open_support_assignment_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.apprentice_id}"


class Barrier(models.Model):
    """A kind of barrier the program tracks (transportation, childcare...): its own list."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="barriers")
    name = models.CharField(_("barrier"), max_length=80)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="barrier_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CheckInQuerySet(models.QuerySet):
    def readable_by(self, user: User) -> CheckInQuerySet:
        """Notes: the apprentice's coaches and program staff; a confidential note only its
        author and program admins. Never hiring managers, preceptors or instructors."""
        if not user.is_authenticated:
            return self.none()
        if user.is_program_admin:
            return self
        confidential_ok = Q(confidential=False) | Q(author=user)
        if user.is_program_staff:
            return self.filter(confidential_ok)
        coached = SupportAssignment.objects.filter(
            in_force(timezone.localdate()), person=user
        ).values("apprentice")
        return self.filter(confidential_ok, apprentice__in=coached)


@track_changes(exclude=["notes"])
class CheckIn(models.Model):
    class How(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")
        TEXT = "text", _("Text message")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="check_ins")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on = models.DateField(_("date"))
    how = models.CharField(_("how"), max_length=10, choices=How.choices)
    notes = models.TextField(_("notes"), blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only you and the program admins can read a confidential note."),
    )
    barriers = models.ManyToManyField(Barrier, blank=True, related_name="check_ins")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["apprentice", "-on"], name="checkin_apprentice_on_idx")]

    def __str__(self) -> str:
        return f"{self.apprentice_id} on {self.on}"


@track_changes()
class SupportAction(models.Model):
    """Something to do after a check-in, with an owner and a follow-up date."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="actions")
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=120)
    follow_up_on = models.DateField(_("follow up on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["done_on", "follow_up_on"]

    def __str__(self) -> str:
        return self.description


@track_changes()
class Referral(models.Model):
    class Service(models.TextChoices):
        CHILDCARE = "childcare", _("Childcare assistance")
        TRANSIT = "transit", _("Transit pass")
        TUITION = "tuition", _("Tuition assistance")
        EAP = "eap", _("Employee assistance program")
        OTHER = "other", _("Other service")

    class Outcome(models.TextChoices):
        OPEN = "open", _("Waiting")
        HELPED = "helped", _("Helped")
        DECLINED = "declined", _("Not eligible or declined")
        NO_RESPONSE = "no_response", _("No response")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="referrals")
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    referred_on = models.DateField(_("referred on"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on"]

    def __str__(self) -> str:
        return self.get_service_display()


@track_changes()
class TutoringSession(models.Model):
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="tutoring")
    on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=160)
    tutor = models.CharField(_("tutor"), max_length=120)
    attended = models.BooleanField(_("attended"), default=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on"]

    def __str__(self) -> str:
        return self.topic


class Survey(models.Model):
    class When(models.TextChoices):
        WEEK_4 = "week_4", _("Week 4")
        WEEK_12 = "week_12", _("Week 12")
        COMPLETION = "completion", _("Completion")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="surveys")
    when = models.CharField(_("when"), max_length=12, choices=When.choices)
    title = models.CharField(_("title"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["program", "when"]
        constraints = [
            models.UniqueConstraint(fields=["program", "when"], name="one_survey_per_moment")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def opens_after_weeks(self) -> int | None:
        return {"week_4": 4, "week_12": 12}.get(self.when)


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("1 to 5")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answer"), max_length=6, choices=Kind.choices, default=Kind.SCALE)

    class Meta:
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    apprentice = models.ForeignKey(
        Apprentice, on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "apprentice"], name="one_answer_per_apprentice_and_survey"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} by {self.apprentice_id}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_a_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.scale or self.text[:20]}"
