from django.core.management.base import BaseCommand

from dashboard.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo
from programs.models import Program


class Command(BaseCommand):
    help = "Create a believable demo program (idempotent: existing rows are left alone)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing when a program already exists (used by `make run`).",
        )

    def handle(self, *args, **options) -> None:
        if options["once"] and Program.objects.exists():
            self.stdout.write("Demo data was loaded before; leaving the database as it is.")
        else:
            seed_demo()
            self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            roles = ", ".join(str(r.label) for r in user.roles)
            self.stdout.write(f"  {user.email:<22} {roles}")
