"""Downloads of the staff lists. Each checks access exactly as the list's own page does."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from funding import policy as funding_policy

from . import staff_lists
from .exports import export_response


def _filename(name: str) -> str:
    return f"{name}-{timezone.localdate():%Y-%m-%d}"


@login_required
def cases(request, fmt):
    rows = staff_lists.cases(request.user, request.GET)
    return export_response(fmt, _filename("arenden"), staff_lists.CASE_COLUMNS, rows)


@login_required
def applications(request, fmt):
    rows = staff_lists.applications(request.user, request.GET)
    return export_response(fmt, _filename("ansokningar"), staff_lists.APPLICATION_COLUMNS, rows)


@login_required
def payouts(request, fmt):
    rows = staff_lists.payouts(request.user, request.GET)
    return export_response(fmt, _filename("utbetalningar"), staff_lists.PAYOUT_COLUMNS, rows)


@login_required
def delegated_decisions(request, board_code, fmt):
    board = funding_policy.get_board_for_reporting_or_404(request.user, board_code)
    rows = staff_lists.delegated_decisions(board)
    filename = _filename(f"delegationsbeslut-{board.code}")
    return export_response(fmt, filename, staff_lists.DECISION_COLUMNS, rows)
