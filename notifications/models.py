"""Messages to people: in the portal (a count in the header and a list) and by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TASK_AVAILABLE = "task_available", _("A task is waiting in a queue I work from")
    TASK_ASSIGNED = "task_assigned", _("A task has been assigned to me")
    DECISION = "decision", _("A decision has been made in a case")
    COMMENT = "comment", _("A comment has been shared in a case")
    REMINDER = "reminder", _("Reminders of deadlines")
    DEADLINE_WARNING = "deadline_warning", _("Warnings about statutory time limits")
    DELAY_NOTICE = "delay_notice", _("Notice that a decision is delayed")
    CONFIRMATION = "confirmation", _("Confirmation that something I sent was received")
    DIRECTORY_MESSAGE = "directory_message", _("A message to my organisation through the directory")
    EVENT_INVITATION = "event_invitation", _("An invitation of my organisation to a dialogue")
    EVENT_CHANGE = "event_change", _("A dialogue I take part in or am invited to is changed")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return self.title


class EmailPreference(models.Model):
    """A person's choice of e-mail for one kind of notification (e-mail is on by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    by_email = models.BooleanField(_("send by e-mail"), default=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} = {self.by_email}"
