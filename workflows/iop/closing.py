"""Ending an inquiry without an agreement, or terminating an active agreement, from the case
page: the domain service closes the inquiry and its case; the running process is cancelled
with viewflow's own ``Flow.cancel`` (each open task's ``cancel`` transition, then the
process), in the same transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import PROCESS, STATUS

from casework import events
from partnerships import policy, services
from partnerships.models import IOPInquiry
from workflows.models import IOPProcess

from ..actions import WorkflowAction
from .flows import IOPFlow

WITHDRAW, CLOSE = "withdraw", "close"


def how_may_end(user, inquiry: IOPInquiry) -> str:
    """``close`` for an officer, ``withdraw`` for the initiating organisation, else ``""``."""
    if not inquiry.is_open:
        return ""
    if policy.is_officer(user):
        return CLOSE
    return WITHDRAW if policy.may_withdraw(user, inquiry) else ""


@transaction.atomic
def inquiry_end(*, inquiry: IOPInquiry, acting_user, reason: str) -> IOPInquiry:
    """Close (an officer) or withdraw (the initiator) the inquiry, and stop its process."""
    if not inquiry.is_open:
        raise ValidationError(_("The inquiry is no longer open."))
    how = how_may_end(acting_user, inquiry)
    if not how:
        raise PermissionDenied("Only an officer or the initiating organisation ends an inquiry.")
    service = services.inquiry_close if how == CLOSE else services.inquiry_withdraw
    inquiry = service(inquiry=inquiry, acting_user=acting_user, reason=reason)
    process_cancel(inquiry=inquiry, acting_user=acting_user, reason=reason)
    return inquiry


@transaction.atomic
def partnership_terminate(*, inquiry: IOPInquiry, party, acting_user, reason: str) -> IOPInquiry:
    """A party terminates the active agreement; its waiting timer and open follow-up tasks are
    cancelled with the process."""
    termination = services.agreement_terminate(
        inquiry=inquiry, party=party, acting_user=acting_user, reason=reason
    )
    process_cancel(inquiry=inquiry, acting_user=acting_user, reason=termination.reason)
    return termination.inquiry


def process_cancel(*, inquiry: IOPInquiry, acting_user, reason: str = "") -> None:
    """Cancel the inquiry's running process and its open tasks; record which were open."""
    process = IOPProcess.objects.filter(
        flow_class=IOPFlow, artifact_object_id=inquiry.pk, status=PROCESS.NEW
    ).first()
    if process is None:
        return
    open_tasks = [
        task.flow_task.name
        for task in process.task_set.filter(flow_task_type="HUMAN")
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED, STATUS.REVIVED])
        .order_by("pk")
    ]
    IOPFlow.instance.cancel(process)
    events.record(
        inquiry,
        acting_user,
        WorkflowAction.PROCESS_CANCELLED,
        reason=reason,
        data={"process": process.pk, "tasks": open_tasks},
    )
