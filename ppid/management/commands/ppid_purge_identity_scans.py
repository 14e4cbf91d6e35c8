"""Remove requesters' identity scans kept past their agency's retention period.

A dry run by default: it lists, per agency, how many files of how many requests would go.
Run it daily from cron (or the hosting's scheduler) with --apply once the dry run looks right:

    python manage.py ppid_purge_identity_scans            # what would be removed
    python manage.py ppid_purge_identity_scans --apply    # remove it
"""

from django.core.management.base import BaseCommand

from ppid.services.privacy import purge_identity_scans


class Command(BaseCommand):
    help = "Remove requesters' identity scans past the agency's retention period (dry run first)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Really remove the files.")

    def handle(self, *args, apply, **options):
        report = purge_identity_scans(apply=apply)
        verb = "removed" if apply else "would be removed (dry run; add --apply)"
        for row in report:
            self.stdout.write(
                f"{row.agency.short_name}: {row.files} file(s) of {row.requests} request(s) {verb}"
            )
        if not report:
            self.stdout.write("Nothing is past its retention period.")
