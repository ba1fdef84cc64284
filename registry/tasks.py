"""Background work for the registry hand-off: thin, and safe to run twice."""

from celery import shared_task
from django.utils import timezone

from . import delivery
from .models import OutboxEvent


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_event(self, event_id: int) -> None:
    """Deliver one event; a failed attempt comes back after its back-off. Run in-process (no
    broker), a failed attempt waits for ``deliver_due_events`` instead of being retried at once."""
    wait = delivery.event_deliver(event_id=event_id)
    if wait is not None and not self.request.is_eager:
        raise self.retry(countdown=wait)


@shared_task(acks_late=True)
def deliver_due_events() -> int:
    """Deliver the events whose next attempt is due, or that were never scheduled (the broker
    was away when their change committed); run by beat every minute."""
    due = OutboxEvent.objects.filter(state=OutboxEvent.State.PENDING).exclude(
        next_attempt_at__gt=timezone.now()
    )
    count = 0
    for event_id in due.values_list("pk", flat=True)[:500]:
        delivery.event_deliver(event_id=event_id)
        count += 1
    return count
