"""What each retention purge removed: the report the program keeps of its own deletions."""

from django.db import models

LABELS = {
    "applications": "Applications",
    "people": "People",
    "applicant_accounts": "Applicant accounts closed",
    "documents": "Documents",
    "self_identifications": "Self-identification answers",
    "info_session_bookings": "Info-session bookings",
    "emails": "Emails",
    "history_entries": "Change history entries of purged records",
}


class RetentionRun(models.Model):
    ran_at = models.DateTimeField(auto_now_add=True, db_index=True)
    cutoff = models.DateTimeField(help_text="Records last active before this were purged.")
    counts = models.JSONField(default=dict, help_text="What was purged: kind → number")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"Retention purge {self.ran_at:%Y-%m-%d}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def purged(self) -> list[tuple[str, int]]:
        """(label, number) of what was purged, leaving out the kinds with none."""
        return [(LABELS.get(kind, kind), n) for kind, n in self.counts.items() if n]
