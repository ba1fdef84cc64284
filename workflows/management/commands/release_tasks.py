from django.core.management.base import BaseCommand

from workflows.services import release_tasks_of_those_who_left


class Command(BaseCommand):
    help = (
        "Return tasks held by people who may no longer take them (membership ended, role "
        "removed, account closed) to their queues (daily; safe to run again)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"returned to their queues: {release_tasks_of_those_who_left()}")
