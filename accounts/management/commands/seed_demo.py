"""Load the demo: three agencies, one account per role, articles, DIP entries and requests.

Idempotent: running it again adds only what is missing. Passwords are printed once, when the
account is created. Refused when DEBUG is off, so demo accounts never reach production.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from accounts import demo

# Each app seeds its own part after the agencies and accounts exist.
APP_SEEDERS = [
    "newsroom.demo.seed",
    "newsroom.demo_pages.seed",
    "newsroom.demo_agenda.seed",
    "ppid.demo.seed",
    # After the DIP entries, which it attaches documents to.
    "newsroom.demo_library.seed",
    "outreach.demo.seed",
    "outreach.demo_comments.seed",
]


class Command(BaseCommand):
    help = "Load idempotent demo data (agencies, accounts per role, articles, PPID records)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when DEBUG is off (never on a real portal).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("seed_demo is for development: DEBUG is off.")
        agencies = demo.seed_agencies()
        passwords = demo.seed_users(agencies)
        for dotted in APP_SEEDERS:
            try:
                seeder = import_string(dotted)
            except ImportError:
                continue
            seeder(agencies=agencies, stdout=self.stdout)
        if passwords:
            self.stdout.write(self.style.WARNING("Demo accounts (passwords shown only now):"))
            for username, password in passwords.items():
                self.stdout.write(f"  {username:<20} {password}")
        else:
            self.stdout.write("Demo data already present; no new accounts.")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
