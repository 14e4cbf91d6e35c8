"""Send again the notification e-mails that failed (cron, or after fixing the mail server)."""

from django.core.management.base import BaseCommand

from newsroom import notifications


class Command(BaseCommand):
    help = "Retry failed notification e-mails whose next attempt is due."

    def handle(self, *args, **options):
        sent, failed = notifications.retry_due()
        self.stdout.write(f"Sent: {sent}, still failing: {failed}")
