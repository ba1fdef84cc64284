from django.core.management.base import BaseCommand

from registry import tasks


class Command(BaseCommand):
    help = (
        "Deliver the registry events that are due (what beat does every minute; run it from "
        "cron where there is no beat)."
    )

    def handle(self, *args, **options):
        count = tasks.deliver_due_events()
        self.stdout.write(f"{count} event(s) tried.")
