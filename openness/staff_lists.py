"""The staff lists that download as CSV and XLSX: each list's rows come from the same selector
and filter form as its page, so a download holds exactly what the page would show."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from casework import selectors as case_selectors
from casework.forms import CaseFilterForm
from funding import policy as funding_policy
from funding import selectors as funding_selectors
from funding.models import Payout

from .exports import Column
from .forms import PayoutFilterForm


def _case_number(application) -> str:
    return application.case.case_number if application.case_id else ""


CASE_COLUMNS = [
    Column(_("Case number"), lambda case: case.case_number),
    Column(_("Title"), lambda case: case.title),
    Column(_("Kind of case"), lambda case: case.get_kind_display()),
    Column(_("Organisation"), lambda case: case.organisation),
    Column(_("Challenge area"), lambda case: case.challenge_area),
    Column(_("Registered"), lambda case: case.registered_at),
    Column(_("Closed"), lambda case: case.closed_at),
]


def cases(user, params) -> QuerySet:
    form = CaseFilterForm(params or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return case_selectors.case_list(
        user,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        open_only=filters.get("open_only", False),
    )


APPLICATION_COLUMNS = [
    Column(_("Case number"), _case_number),
    Column(_("Activity"), lambda application: application.title),
    Column(_("Programme"), lambda application: application.programme.name),
    Column(_("Board"), lambda application: application.programme.board),
    Column(_("Organisation"), lambda application: application.organisation),
    Column(_("Status"), lambda application: application.get_status_display()),
    Column(_("Amount applied for"), lambda application: application.amount_applied),
    Column(_("Submitted"), lambda application: application.submitted_at),
    Column(_("Last saved"), lambda application: application.updated_at),
]


def applications(user, params) -> QuerySet:
    return funding_selectors.applications_of(user)


DECISION_COLUMNS = [
    Column(_("Case number"), lambda decision: _case_number(decision.application)),
    Column(_("Programme"), lambda decision: decision.application.programme.name),
    Column(_("Organisation"), lambda decision: decision.application.organisation),
    Column(_("Decision"), lambda decision: decision.get_outcome_display()),
    Column(_("Amount granted"), lambda decision: decision.amount_granted),
    Column(_("Decided by"), lambda decision: decision.decided_by),
    Column(_("Authority"), lambda decision: decision.get_authority_display()),
    Column(_("Point in the delegation order"), lambda decision: decision.delegation_point),
    Column(_("Date"), lambda decision: decision.decided_at),
]


def delegated_decisions(board) -> QuerySet:
    return funding_selectors.delegated_decisions(board)


PAYOUT_COLUMNS = [
    Column(_("Case number"), lambda payout: _case_number(payout.application)),
    Column(_("Activity"), lambda payout: payout.application.title),
    Column(_("Programme"), lambda payout: payout.application.programme.name),
    Column(_("Organisation"), lambda payout: payout.application.organisation),
    Column(_("Amount"), lambda payout: payout.amount),
    Column(_("Paid on"), lambda payout: payout.paid_on),
    Column(_("Account kind"), lambda payout: payout.get_giro_kind_display()),
    Column(_("Account number"), lambda payout: payout.giro_number),
]


def payouts(user, params) -> QuerySet:
    """The payouts of the applications the user may see, optionally of one year."""
    rows = Payout.objects.filter(
        application__in=funding_policy.visible_applications(user)
    ).select_related("application__case", "application__programme", "application__organisation")
    # A year no date can have ("0", "²", thirty nines) is ignored, as the case list ignores
    # filters it cannot read: filtering on it was a server error (found by fuzzing).
    form = PayoutFilterForm(params or None)
    if form.is_valid() and form.cleaned_data["year"]:
        rows = rows.filter(paid_on__year=form.cleaned_data["year"])
    return rows.order_by("-paid_on", "-pk")
