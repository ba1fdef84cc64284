"""The outbox: one row per event and connector, written in the transaction of the change and
delivered afterwards, at least once, by ``registry.tasks``."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case


class OutboxEvent(models.Model):
    class Kind(models.TextChoices):
        CASE_REGISTERED = "case.registered", _("Case registered")
        DOCUMENT_FINALISED = "document.finalised", _("Document made final")
        CASE_CLOSED = "case.closed", _("Case closed")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be delivered")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Delivery failed")

    # The idempotency key: a registry that keeps the keys it has applied applies each event
    # once, however often it is delivered.
    key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    connector = models.CharField(_("connector"), max_length=30)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="outbox_events"
    )
    payload = models.JSONField(_("payload"))
    occurred_at = models.DateTimeField(_("occurred at"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registry event")
        verbose_name_plural = _("registry events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case.case_number} ({self.connector})"
