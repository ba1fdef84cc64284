"""Sending notifications. E-mails go out after the sending transaction commits."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from . import tasks
from .models import EmailPreference, Kind, Notification


def notify(
    *, recipients: Iterable, kind: str, title: str, url: str = "", body: str = ""
) -> list[Notification]:
    """Tell each recipient (once) in the portal, and by e-mail where they have not opted out.

    Keep ``title`` and ``body`` free of personal data beyond what the recipient needs: the
    e-mail carries a link to the portal, where the details are behind login.
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=Kind(kind), title=title[:300], body=body, url=url)
            for user in unique.values()
        ]
    )
    _email_after_commit(notifications)
    return notifications


def notify_once(
    *, recipients: Iterable, kind: str, title: str, url: str, since, body: str = ""
) -> list[Notification]:
    """``notify``, but each recipient gets this notification (same kind and link, sent at or
    after ``since``) once, however often it is asked for: for background jobs that may run
    twice. Call it in a transaction that holds a lock on what the notification is about."""
    unique = {user.pk: user for user in recipients if user is not None}
    told = set(
        Notification.objects.filter(
            recipient_id__in=unique, kind=kind, url=url, created_at__gte=since
        ).values_list("recipient_id", flat=True)
    )
    return notify(
        recipients=[user for pk, user in unique.items() if pk not in told],
        kind=kind,
        title=title,
        url=url,
        body=body,
    )


def _email_after_commit(notifications: list[Notification]) -> None:
    """One background job e-mails the whole batch, once the sending transaction commits."""
    # bulk_create sets primary keys on PostgreSQL and SQLite alike.
    ids = [notification.pk for notification in notifications]
    if ids:
        transaction.on_commit(lambda: tasks.send_notification_emails.delay(ids))


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def set_email_preferences(*, user, by_email: dict[str, bool]) -> None:
    for kind, wanted in by_email.items():
        EmailPreference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"by_email": wanted}
        )
