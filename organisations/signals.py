"""A deactivated account is logged out everywhere at once, not at its next request."""

from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .models import User


def end_sessions_of(user) -> int:
    """Delete every stored session of ``user``; returns how many ended.

    The session table is not keyed by user, so each live session is decoded: fine for the
    thousands of sessions of one municipality's staff and associations.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@receiver(pre_save, sender=User, dispatch_uid="organisations_remember_active")
def _remember_whether_active(sender, instance, raw=False, **kwargs):
    instance._was_active = (
        not raw
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk, is_active=True).exists()
    )


@receiver(post_save, sender=User, dispatch_uid="organisations_end_sessions")
def _end_sessions_of_deactivated(sender, instance, raw=False, **kwargs):
    if not raw and not instance.is_active and getattr(instance, "_was_active", False):
        end_sessions_of(instance)
