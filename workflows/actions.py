"""What the workflows record in the audit log (casework/actions.py says how)."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class WorkflowAction(AuditAction):
    TASK_COMPLETED = "task_completed", _("Task completed")
    TASK_REASSIGNED = "task_reassigned", _("Task passed on")
    JOB_RETRIED = "job_retried", _("Job retried")
    PROCESS_CANCELLED = "process_cancelled", _("Open tasks cancelled")
    DECISION_REROUTED = (
        "decision_rerouted",
        _("Decision sent to the route the delegation order gives it"),
    )
