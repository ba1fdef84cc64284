"""A deactivated account is logged out everywhere at once, not at its next request."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal, receiver

from common.sessions import end_sessions_of

from .models import User


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


# Sent when a person's representation of an organisation ends before its time (revoked): the
# tasks they hold for it go back to the queue at once (``workflows`` receives it; this app sits
# below the workflows and does not import them). Arguments: ``person``, ``organisation``.
representation_ended = Signal()
