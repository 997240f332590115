from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apprenticeship.pdf import render_pdf
from programs.models import Track
from reports.program import program_report


class Command(BaseCommand):
    help = "Write the program report of a track and a period to a PDF file (for scheduled use)."

    def add_arguments(self, parser):
        parser.add_argument("--track", required=True, help="the track's short name (slug)")
        parser.add_argument("--start", required=True, type=date.fromisoformat)
        parser.add_argument("--end", required=True, type=date.fromisoformat)
        parser.add_argument("--out", required=True)

    def handle(self, *args, track, start, end, out, **options):
        found = Track.objects.select_related("program").filter(slug=track).first()
        if found is None:
            raise CommandError(f"No track with the short name {track!r}.")
        report = program_report(track=found, start=start, end=end, today=timezone.localdate())
        with open(out, "wb") as pdf:
            pdf.write(
                render_pdf("reports/program_pdf.html", {"report": report, "as_of": timezone.now()})
            )
        for mismatch in report.mismatches:
            self.stderr.write(f"mismatch: {mismatch}")
        self.stdout.write(f"{out}: {report.total} apprentices, {len(report.flags)} flags")
