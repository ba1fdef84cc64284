"""The audit log's vocabulary: what may be recorded, and what each action is called.

Each app that records events declares its actions in its own ``actions.py``, as a subclass of
``AuditAction``; ``CaseworkConfig.ready`` imports every app's ``actions`` module, so declaring a
vocabulary is registering it. The stored values never change: the log is append-only, and old
rows must keep their meaning. This module imports no models, so models may import it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The base of every app's vocabulary of audit actions."""


class CaseAction(AuditAction):
    REGISTERED = "registered", _("Case registered")
    CLOSED = "closed", _("Case closed")
    DECIDED = "decided", _("Decision made")
    COMMENT_ADDED = "comment_added", _("Comment written")
    CLOCK_PAUSED = "clock_paused", _("Clock paused")
    CLOCK_RESUMED = "clock_resumed", _("Clock resumed")
    DECISION_DEMANDED = "decision_demanded", _("Decision demanded (12 §)")
    DELAY_NOTICE_SENT = "delay_notice_sent", _("Delay notice sent (11 §)")
    DECISION_DEMAND_REJECTED = (
        "decision_demand_rejected",
        _("Demand for a decision rejected by a special decision (12 §)"),
    )
    DEADLINE_SET = "deadline_set", _("Deadline set")
    DEADLINE_MET = "deadline_met", _("Deadline met")
    ADMIN_ADDED = "admin_added", _("Added in the administration")
    ADMIN_CHANGED = "admin_changed", _("Changed in the administration")
    ADMIN_DELETED = "admin_deleted", _("Deleted in the administration")
    # Django writes only the three flags above; another app's LogEntry may write others.
    ADMIN_EDITED = "admin_edit", _("Edited in the administration")


class CaseState(models.TextChoices):
    """The states a case's own events record: the case, its clock (11 §), and who holds its
    task (a user name, or the queue)."""

    REGISTERED = "registered", _("Registered")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    RUNNING = "running", _("Clock running")
    PAUSED = "paused", _("Clock paused")
    QUEUE = "queue", _("The queue")


def vocabularies() -> list[type[AuditAction]]:
    return AuditAction.__subclasses__()


def declared(value: str) -> AuditAction:
    """The member stored as ``value``; ``ValueError`` if no app declares it."""
    for vocabulary in vocabularies():
        try:
            return vocabulary(value)
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a declared audit action: declare it in an app's actions.py")
