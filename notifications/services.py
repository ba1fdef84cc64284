"""Sending notifications. E-mails go out after the sending transaction commits."""

from collections.abc import Iterable

from django.db import transaction

from .models import Kind, Notification


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
    from .tasks import send_notification_email

    # bulk_create sets primary keys on PostgreSQL and SQLite alike.
    for notification in notifications:
        transaction.on_commit(lambda pk=notification.pk: send_notification_email.delay(pk))
    return notifications


def mark_all_read(*, user) -> int:
    from django.utils import timezone

    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def set_email_preferences(*, user, by_email: dict[str, bool]) -> None:
    from .models import EmailPreference

    for kind, wanted in by_email.items():
        EmailPreference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"by_email": wanted}
        )
