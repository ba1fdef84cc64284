from django.core.management.base import BaseCommand

from workflows.funding.services import decision_reroute, decisions_misrouted


class Command(BaseCommand):
    help = (
        "Once after upgrading to routes that follow the amount applied for: send every funding "
        "decision that waits where the delegation order no longer puts it to its route (safe "
        "to run again)."
    )

    def handle(self, *args, **options):
        moved = [decision_reroute(task=task, acting_user=None) for task in decisions_misrouted()]
        for task in moved:
            self.stdout.write(f"process {task.process_id}: now at {task.flow_task.name}")
        self.stdout.write(f"decisions sent to their route: {len(moved)}")
