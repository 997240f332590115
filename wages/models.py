"""The certification exam of each track and the attempts at it; the wage steps each apprentice
earns (the schedules are program settings, in programs); prior-experience credit; the
certificate of completion; graduates' employment afterwards."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applicants.uploads import private_storage
from apprenticeship.history import track_changes
from clinic.models import HoursAdjustment
from cohorts.models import Apprentice
from programs.models import InterimCredential, Track, WageRate


@track_changes()
class CertificationExam(models.Model):
    """The national certification a track's apprentices sit at week 12, as a program setting."""

    track = models.OneToOneField(Track, on_delete=models.CASCADE, related_name="exam")
    name = models.CharField(_("exam"), max_length=160)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark"))
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=100)
    retake_wait_days = models.PositiveSmallIntegerField(
        _("days to wait before a retake"), default=30
    )
    min_rti_percent = models.PositiveSmallIntegerField(
        _("classroom hours needed to be ready (% of plan to date)"),
        default=90,
        validators=[MaxValueValidator(100)],
    )
    min_competencies_percent = models.PositiveSmallIntegerField(
        _("competencies signed off to be ready (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )

    def __str__(self) -> str:
        return self.name


@track_changes()
class ExamAttempt(models.Model):
    """A sitting of the exam: scheduled first, then its result. A failed attempt schedules the
    next one after the retake wait."""

    apprentice = models.ForeignKey(
        Apprentice, on_delete=models.CASCADE, related_name="exam_attempts"
    )
    exam = models.ForeignKey(CertificationExam, on_delete=models.PROTECT, related_name="attempts")
    scheduled_on = models.DateField(_("exam date"))
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    passed = models.BooleanField(null=True, blank=True, editable=False)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_expires_on = models.DateField(_("certificate expires"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    certificate_file = models.FileField(
        storage=private_storage, upload_to="certifications/", blank=True
    )
    certificate_type = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["apprentice", "scheduled_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["apprentice"],
                condition=Q(score__isnull=True),
                name="one_open_exam_attempt_per_apprentice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.apprentice_id} on {self.scheduled_on}"


@track_changes()
class WageStep(models.Model):
    """A raise an apprentice earned (or the hire rate): pending until staff approve it, then
    paid from the start of the pay period after the trigger. The rate is fixed when it is
    approved, from the schedule in force then; an approved step keeps it for good."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="wage_steps")
    key = models.CharField(max_length=24)
    trigger = models.CharField(_("earned by"), max_length=12, choices=WageRate.Trigger.choices)
    ojl_hours = models.PositiveIntegerField(null=True, blank=True)
    triggered_on = models.DateField(_("earned on"))
    effective_on = models.DateField(_("paid from"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    hourly_rate = models.DecimalField(
        _("rate an hour"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    previous_rate = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["apprentice", "effective_on", "pk"]
        constraints = [
            # A trigger that fires twice makes one step.
            models.UniqueConstraint(fields=["apprentice", "key"], name="wage_step_once"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(hourly_rate__isnull=False),
                name="approved_wage_step_has_rate",
            ),
        ]
        indexes = [models.Index(fields=["status", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.key} ({self.status})"


@track_changes()
class PriorExperienceCredit(models.Model):
    """29 CFR 29.5(b)(12): credit for experience before the apprenticeship, granted at
    enrolment, counted as on-the-job hours through an hours adjustment. A transfer from
    another sponsor's program is credit too: hours and competencies from the transcript the
    previous sponsor issued, kept with it."""

    class Source(models.TextChoices):
        EXPERIENCE = "experience", _("Previous work experience or training")
        TRANSFER = "transfer", _("Transfer from another sponsor's registered program")

    apprentice = models.ForeignKey(
        Apprentice, on_delete=models.CASCADE, related_name="prior_credits"
    )
    source = models.CharField(
        _("credit for"), max_length=10, choices=Source.choices, default=Source.EXPERIENCE
    )
    from_sponsor = models.CharField(_("previous sponsor"), max_length=200, blank=True)
    hours = models.PositiveIntegerField(_("on-the-job hours credited"))
    competencies = models.PositiveSmallIntegerField(_("competencies credited"), default=0)
    evidence = models.CharField(_("experience and evidence"), max_length=500)
    transcript = models.FileField(storage=private_storage, upload_to="transcripts/", blank=True)
    transcript_type = models.CharField(max_length=40, blank=True)
    adjustment = models.OneToOneField(
        HoursAdjustment, on_delete=models.PROTECT, related_name="prior_credit"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.hours} h"


class CompletionCertificate(models.Model):
    """The program's certificate of completion, rendered by a Celery task once the apprentice
    completes; beside it the registration agency's Certificate of Completion of
    Apprenticeship (29 CFR 29.5(b)(15)) once received: its number, date and a scan."""

    apprentice = models.OneToOneField(
        Apprentice, on_delete=models.CASCADE, related_name="completion_certificate"
    )
    number = models.CharField(max_length=40, unique=True)
    completed_on = models.DateField()
    file = models.FileField(storage=private_storage, upload_to="completion/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    agency_number = models.CharField(_("agency certificate number"), max_length=60, blank=True)
    agency_received_on = models.DateField(_("received on"), null=True, blank=True)
    agency_scan = models.FileField(storage=private_storage, upload_to="agency/", blank=True)
    agency_scan_type = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return self.number


@track_changes()
class GraduateFollowUp(models.Model):
    """Whether a graduate still works here 6 and 12 months after completion, and as what."""

    class Months(models.IntegerChoices):
        SIX = 6, _("6 months")
        TWELVE = 12, _("12 months")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("after"), choices=Months.choices)
    employed = models.BooleanField(_("still employed by the sponsor"))
    role = models.CharField(_("role"), max_length=120, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["apprentice", "months"], name="follow_up_once")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice_id} at {self.months} months"


@track_changes()
class CredentialAward(models.Model):
    """An interim credential of the apprentice's standard, earned (29 CFR 29.5(b)(16))."""

    apprentice = models.ForeignKey(
        Apprentice, on_delete=models.CASCADE, related_name="credential_awards"
    )
    credential = models.ForeignKey(
        InterimCredential, on_delete=models.PROTECT, related_name="awards"
    )
    earned_on = models.DateField(_("earned on"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["earned_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["apprentice", "credential"], name="credential_once")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice_id}: {self.credential_id} on {self.earned_on}"


@track_changes(exclude=["document"])
class Agreement(models.Model):
    """The apprenticeship agreement (29 CFR 29.7): the document generated from the apprentice's
    standard, signed electronically by the apprentice and countersigned by the sponsor's
    signatory. What they signed is kept as it was (its SHA-256 with each signature); a change
    is an amendment, signed the same way."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Agreement")
        AMENDMENT = "amendment", _("Amendment")

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="agreements")
    standard = models.ForeignKey(
        "programs.Standard", on_delete=models.PROTECT, related_name="agreements"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ORIGINAL)
    reason = models.CharField(_("what the amendment changes"), max_length=300, blank=True)
    language = models.CharField(max_length=8, default="en")
    document = models.TextField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    apprentice_name = models.CharField(max_length=170, blank=True)
    apprentice_signed_at = models.DateTimeField(null=True, blank=True)
    apprentice_address = models.GenericIPAddressField(null=True, blank=True)
    sponsor_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sponsor_name = models.CharField(max_length=170, blank=True)
    sponsor_signed_at = models.DateTimeField(null=True, blank=True)
    sponsor_address = models.GenericIPAddressField(null=True, blank=True)
    pdf = models.FileField(storage=private_storage, upload_to="agreements/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["apprentice", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} of {self.apprentice_id}"

    @property
    def is_signed(self) -> bool:
        return bool(self.apprentice_signed_at and self.sponsor_signed_at)
