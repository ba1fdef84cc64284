from celery import shared_task

from .services import dialogues


@shared_task(acks_late=True)
def remind_event_participants() -> int:
    """Hourly: remind those with a place of the events starting within two days (once each)."""
    return dialogues.events_remind()
