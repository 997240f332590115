from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apprenticeship.pdf import render_pdf
from cohorts.models import Apprentice
from reports.progress import progress_report


class Command(BaseCommand):
    help = "Write an apprentice's progress report to a PDF file (for scheduled use)."

    def add_arguments(self, parser):
        parser.add_argument("apprentice_id", type=int)
        parser.add_argument("--out", required=True)

    def handle(self, *args, apprentice_id, out, **options):
        apprentice = Apprentice.objects.filter(pk=apprentice_id).first()
        if apprentice is None:
            raise CommandError(f"No apprentice {apprentice_id}.")
        with open(out, "wb") as pdf:
            pdf.write(
                render_pdf(
                    "reports/progress_pdf.html",
                    {
                        **progress_report(apprentice=apprentice, today=timezone.localdate()),
                        "as_of": timezone.now(),
                    },
                )
            )
        self.stdout.write(f"{out}: progress report of {apprentice.person}")
