"""What each retention purge removed: the report the program keeps of its own deletions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

LABELS = {
    "applications": "Applications",
    "people": "People",
    "applicant_accounts": "Applicant accounts closed",
    "documents": "Documents",
    "self_identifications": "Self-identification answers",
    "disability_answers": "Disability self-identification answers",
    "info_session_bookings": "Info-session bookings",
    "emails": "Emails",
    "history_entries": "Change history entries of purged records",
    "held_applications": "Applications kept under a hold",
}


class RetentionRun(models.Model):
    ran_at = models.DateTimeField(auto_now_add=True, db_index=True)
    cutoff = models.DateTimeField(help_text="Records last active before this were purged.")
    counts = models.JSONField(default=dict, help_text="What was purged: kind → number")
    holds = models.JSONField(default=list, help_text="The holds in force, as the run saw them")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"Retention purge {self.ran_at:%Y-%m-%d}"

    @property
    def total(self) -> int:
        """What was purged (applications kept under a hold are not)."""
        return sum(n for kind, n in self.counts.items() if kind != "held_applications")

    @property
    def purged(self) -> list[tuple[str, int]]:
        """(label, number) of what was purged, leaving out the kinds with none."""
        return [
            (LABELS.get(kind, kind), n)
            for kind, n in self.counts.items()
            if n and kind != "held_applications"
        ]

    @property
    def held(self) -> int:
        return self.counts.get("held_applications", 0)


class RecordsHold(models.Model):
    """A hold on the purge (29 CFR 30.12(b): records are kept beyond the retention period
    while a complaint, compliance review or enforcement action concerns them): on the whole
    program, or on named applicants. The purge skips what is held and says so."""

    class Reason(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        REVIEW = "review", _("Compliance review")
        LITIGATION = "litigation", _("Litigation or enforcement action")

    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("what it concerns"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (empty: until lifted)"), null=True, blank=True)
    whole_program = models.BooleanField(_("every record of the program"), default=False)
    people = models.ManyToManyField(
        "applicants.Person", blank=True, related_name="+", verbose_name=_("applicants held")
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.note}"
