from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailPreference, Notification


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(self, notification_id: int) -> bool:
    """E-mail one notification, once. Safe to run twice: a sent one is skipped."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        opted_out = EmailPreference.objects.filter(
            user=notification.recipient, kind=notification.kind, by_email=False
        ).exists()
        if opted_out:
            return False
        with translation.override(settings.LANGUAGE_CODE):
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
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True
