from django.core.management.base import BaseCommand

from casework.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders and statutory warnings that are due today (safe to run again)."

    def handle(self, *args, **options):
        for name, count in send_due_reminders().items():
            self.stdout.write(f"{name}: {count}")
