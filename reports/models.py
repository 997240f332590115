"""Reports made by a Celery worker and stored: what was asked, by whom, when, with which
parameters; asking again while a fresh one exists gives the same file."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.uploads import private_storage


class Report(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Apprentice progress report")
        PROGRAM = "program", _("Program report")
        TRANSCRIPT = "transcript", _("Transcript for a transfer")
        AFFIRMATIVE_ACTION = "affirmative_action", _("Yearly affirmative action review")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict)
    params_key = models.CharField(max_length=200)
    title = models.CharField(max_length=250)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    table_file = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # When its data was read, and a fingerprint of what it shows: asked again within the
    # hour, it is handed back only when the same fingerprint comes out (nothing changed).
    data_as_of = models.DateTimeField(null=True, blank=True)
    data_version = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["kind", "params_key", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.params_key}"


def _percent(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class AvailabilityBasis(models.Model):
    """29 CFR 30.5(c): the two factors availability is computed from for an occupation, each
    with its source and a weight (the weights add up to 100%)."""

    track = models.OneToOneField(
        "programs.Track", on_delete=models.CASCADE, related_name="availability_basis"
    )
    labour_market_source = models.CharField(
        _("source of the labour market area figures"), max_length=200
    )
    labour_market_weight = models.PositiveSmallIntegerField(
        _("weight of the labour market area (%)"), validators=[MaxValueValidator(100)]
    )
    feeder_source = models.CharField(_("source of the feeder pool figures"), max_length=200)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Availability basis of track {self.track_id}"

    @property
    def feeder_weight(self) -> int:
        return 100 - self.labour_market_weight


class Availability(models.Model):
    """29 CFR 30.5(c), 30.6: each group's availability for the occupation, the weighted sum of
    its share in the relevant labour market area and among those eligible in the sponsor's
    feeder pool; and the utilization goal, at least equal to availability."""

    class Group(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        HISPANIC = "hispanic", _("Hispanic or Latino")
        AMERICAN_INDIAN = "american_indian", _("American Indian or Alaska Native")
        ASIAN = "asian", _("Asian")
        BLACK = "black", _("Black or African American")
        PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Other Pacific Islander")
        WHITE = "white", _("White")
        TWO_OR_MORE = "two_or_more", _("Two or more races")

    track = models.ForeignKey(
        "programs.Track", on_delete=models.CASCADE, related_name="availability"
    )
    group = models.CharField(max_length=20, choices=Group.choices)
    labour_market_percent = _percent(_("share in the labour market area (%)"))
    feeder_percent = _percent(_("share in the feeder pool (%)"))
    percent = _percent(_("available (%)"))  # the weighted sum, kept with its factors
    goal_percent = _percent(_("utilization goal (%)"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["track", "group"], name="availability_unique"),
            models.CheckConstraint(
                condition=models.Q(goal_percent__gte=models.F("percent")),
                name="availability_goal_at_least_availability",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.track_id} {self.group} {self.percent}%"


class AffirmativeActionReview(models.Model):
    """The yearly review of the affirmative action program (29 CFR 30.4-30.9): the year's
    utilization analyses and goals, the 7% disability analysis, adverse impact at each
    selection step and the outreach record, as they stood when the admin reviewed them, with
    the admin's notes and action plan."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="affirmative_action_reviews"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    notes = models.TextField(_("findings"), blank=True)
    action_plan = models.TextField(_("action plan"), blank=True)
    figures = models.JSONField(default=dict)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="aa_review_unique_year")
        ]

    def __str__(self) -> str:
        return f"Affirmative action review {self.year} of program {self.program_id}"
