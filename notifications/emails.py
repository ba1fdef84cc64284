"""E-mailing notifications: the background side of ``notifications.services.notify``, run by
the jobs in ``notifications.tasks`` once the sending transaction has committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailPreference, Notification


def notifications_email(*, notification_ids: list[int]) -> int:
    """E-mail a batch of notifications, each once; returns how many were sent. Safe to run
    twice: sent ones are skipped. When the mail server fails midway, the ones sent are recorded
    as sent and the ``OSError`` is raised, for the job to retry the rest."""
    sent = 0
    failure = None
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .exclude(recipient__email="")
            .order_by("pk")
        )
        opted_out = set(
            EmailPreference.objects.filter(
                user_id__in={n.recipient_id for n in notifications}, by_email=False
            ).values_list("user_id", "kind")
        )
        with translation.override(settings.LANGUAGE_CODE):
            for notification in notifications:
                if (notification.recipient_id, notification.kind) in opted_out:
                    continue
                try:
                    _send(notification)
                except OSError as error:
                    failure = error
                    break
                notification.emailed_at = timezone.now()
                sent += 1
        Notification.objects.bulk_update(
            [n for n in notifications if n.emailed_at is not None], ["emailed_at"]
        )
    if failure is not None:
        raise failure
    return sent


def _send(notification: Notification) -> None:
    body = render_to_string(
        "notifications/email.txt",
        {"notification": notification, "site_url": settings.SITE_URL},
    )
    send_mail(
        f"Samverkansportalen: {notification.title}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [notification.recipient.email],
    )
