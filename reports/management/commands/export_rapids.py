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
        if kind == "updates":
            header, rows = rapids.UPDATE_COLUMNS, rapids.update_rows(rapids.update_queryset())
        else:
            header = rapids.columns()
            rows = rapids.registration_rows(rapids.registration_queryset())
        for row in rows:
            if row.errors:
                self.stderr.write(f"left out: {row.apprentice.person}: {' '.join(row.errors)}")
        try:
            content = services.rapids_file(
                rows=rows, header=header, by=None, purpose=f"RAPIDS {kind} file (command)"
            )
        except services.ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with open(out, "w", encoding="utf-8", newline="") as file:
            file.write(content)
        ready = sum(row.ready for row in rows)
        self.stdout.write(f"{out}: {ready} of {len(rows)} rows")
