"""Send again the requesters' notice e-mails that failed or never left (run it from cron every
few minutes where no task worker defers retries)."""

from django.core.management.base import BaseCommand

from ppid.services import mail


class Command(BaseCommand):
    help = "Retry PPID notice e-mails that failed or are still waiting."

    def handle(self, *args, **options):
        sent, failed = mail.retry(mail.due_for_retry())
        self.stdout.write(f"{sent} sent, {failed} still failing.")
