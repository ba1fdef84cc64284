"""Background work for notifications: thin, and safe to run twice."""

from celery import shared_task

from . import emails


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(self, notification_id: int) -> bool:
    """E-mail one notification, once. Safe to run twice: a sent one is skipped."""
    return emails.notifications_email(notification_ids=[notification_id]) == 1


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(self, notification_ids: list[int]) -> int:
    """E-mail a batch of notifications (those of one ``notify``), each once; returns how many
    were sent. When the mail server fails midway, the job is retried (``autoretry_for``) for
    the ones not sent."""
    return emails.notifications_email(notification_ids=notification_ids)
