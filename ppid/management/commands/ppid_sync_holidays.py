"""Copy the holidays package's public holidays and cuti bersama into the closure-day table.

Run once a year (e.g. after upgrading the `holidays` package for the new SKB cuti bersama); the
package is the base calendar either way, the copies let staff see it in the admin. Then recompute
open due dates, in case the package changed a day.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ppid import services


class Command(BaseCommand):
    help = "Copy national holidays and cuti bersama into the PPID calendar and recompute due dates."

    def add_arguments(self, parser):
        this_year = timezone.localdate().year
        parser.add_argument("years", nargs="*", type=int, default=[this_year, this_year + 1])

    def handle(self, *args, years, **options):
        added = services.sync_package_holidays(years)
        changed = services.recompute_due_dates(reason="holidays package synchronised")
        self.stdout.write(f"{added} days added for {years}; {changed} due dates changed.")
