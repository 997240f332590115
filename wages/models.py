"""The certification exam of each track and the attempts at it. (Wage schedules and steps
arrive with the rest of this app.)"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apprenticeship.history import track_changes
from cohorts.models import Apprentice
from programs.models import Track


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
