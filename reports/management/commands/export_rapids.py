import os

from django.core.management.base import BaseCommand, CommandError

from reports import rapids, services


class Command(BaseCommand):
    help = (
        "Write the RAPIDS upload file of the rows that pass the layout's checks (for scheduled "
        "use); rows with problems are listed and left out. Each apprentice written is audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["registrations", "updates"], required=True)
        parser.add_argument("--out", required=True)

    def handle(self, *args, kind, out, **options):
        header, rows, fields = rapids.rapids_rows(kind)
        for row in rows:
            if row.errors:  # the apprentice's id only: cron logs keep no names
                self.stderr.write(
                    f"left out: apprentice {row.apprentice.pk}: {len(row.errors)} problems"
                )
        try:
            content = services.rapids_file(
                rows=rows,
                header=header,
                fields=fields,
                by=None,
                purpose=f"RAPIDS {kind} file (command)",
            )
        except services.ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # Full SSNs: readable by the owner only.
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)  # an existing file keeps its mode otherwise
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(content)
        ready = sum(row.ready for row in rows)
        self.stdout.write(f"{out}: {ready} of {len(rows)} rows")
