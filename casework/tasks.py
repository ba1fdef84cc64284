from celery import shared_task

from . import reminders


@shared_task(acks_late=True)
def send_due_reminders() -> dict[str, int]:
    """Daily: reminders of deadlines, statutory warnings, expiring evidence (safe to rerun)."""
    return reminders.send_due_reminders()
