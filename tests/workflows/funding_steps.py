"""Steps of the funding flow over HTTP, as each role takes them (shared by the flow tests)."""

from django.utils import timezone

from organisations.models import Role
from tests import factories
from tests.driver import do_one


def walk_to_report_back(client, process, officer, delegate) -> None:
    """From a submitted application to its first report-back task, paid in one tranche."""
    criterion = process.application.programme.criteria.get()
    do_one(client, officer, process, "check_complete", {"result": "complete"})
    assessment = {
        "no_conflict_of_interest": "on",
        "summary": "Väl förankrat.",
        "proposed_outcome": "approved",
        "proposed_amount": "30000",
        f"score_{criterion.pk}": "4",
        f"comment_{criterion.pk}": "Bra",
    }
    do_one(client, officer, process, "assess", assessment)
    decision = {
        "no_conflict_of_interest": "on",
        "outcome": "approved",
        "amount_granted": "30000",
        "reasons": "Bra.",
    }
    factories.delegate(process.application.programme, Role.DELEGATE, user=delegate)
    do_one(client, delegate, process, "decide_as_delegate", decision)
    payout = {"amount": "30000", "paid_on": timezone.localdate().isoformat()}
    do_one(client, officer, process, "pay", payout)


def report(client, member, process) -> None:
    """The organisation sends its report-back."""
    data = {"description": "Fyra veckor fotboll.", "amount_used": "30000"}
    do_one(client, member, process, "report_back", data)
