"""Demo: a repayment claim for a missing report-back, and a demand for a decision (12 §)
answered by a special decision, each with its letter, made through the real services.

Two things are not what a person could do today, and are marked: the report-back deadline is
moved into the past with the reminders the daily job would have sent, and the demand is dated
today on an application just sent (the six months are not waited for)."""

from datetime import timedelta
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils import timezone

from casework import services as case_services
from casework.models import Deadline
from funding import services
from funding.models import FundingApplication, FundingProgramme, RepaymentClaim
from organisations.models import Organisation, User
from workflows.funding import services as flow_services

from .applications import PREFIX, Walk, _walk_to

UNREPORTED = "Pingisläger på jullovet"
DEMANDED = "Körsång för unga i Holma"


def _claim_unreported(walk: Walk, officer) -> RepaymentClaim:
    walk.draft(UNREPORTED, FundingProgramme.objects.get(slug="lovaktivitetsbidrag"), "30000")
    _walk_to(walk, "paid")
    application = walk.refresh()
    # Demo only: the report-back was due five days ago, and both reminders went out.
    Deadline.objects.filter(
        case=application.case, kind=Deadline.Kind.REPORT_BACK, met_at__isnull=True
    ).update(due_on=timezone.localdate() - timedelta(days=5), reminders_sent=[21, 3])
    claim = flow_services.repayment_claim_unreported(
        application=application,
        acting_user=officer,
        amount=Decimal("30000"),
        reasons=(
            "Föreningen skulle ha redovisat lägret senast för fem dagar sedan och påmindes "
            "tre veckor och tre dagar före. Ingen redovisning har kommit in, och kommunen kan "
            "därför inte se att bidraget har använts till det som det beviljades för."
        ),
    )
    services.repayment_receive(
        claim=claim,
        acting_user=officer,
        amount=Decimal("10000"),
        received_on=timezone.localdate(),
    )
    return claim


def _demand_rejected(walk: Walk, officer):
    walk.draft(DEMANDED, FundingProgramme.objects.get(slug="utvecklingsbidrag"), "80000")
    _walk_to(walk, "in_assessment")
    application = walk.refresh()
    # Demo only: the demand is dated today; a party may make it six months after registration.
    case_services.case_decision_demand_register(
        case=application.case, acting_user=officer, demanded_on=timezone.localdate()
    )
    return services.application_demand_reject(
        application=FundingApplication.objects.get(pk=application.pk),
        acting_user=officer,
        reasons=(
            "Ansökan gäller mer än delegationen medger och avgörs av fritidsnämnden. "
            "Tjänsteskrivelsen är klar och ärendet behandlas vid nämndens nästa sammanträde, "
            "om tre veckor. Ärendet kan inte avgöras tidigare."
        ),
    )


def load(out) -> None:
    """Make the demo's repayment claim and answered demand once (demo mode; after the demo
    applications); loading again adds nothing."""
    if not User.objects.filter(username="handlaggare").exists():
        raise CommandError("The demo claims need the demo accounts: load those first.")
    if FundingApplication.objects.filter(title=PREFIX + UNREPORTED).exists():
        out.write("The demo claim and demand are there already.")
        return
    people = {
        "member": User.objects.get(username="raddabarnen"),
        "officer": User.objects.get(username="handlaggare"),
        "delegate": User.objects.get(username="delegat"),
    }
    organisation = Organisation.objects.get(name="Rädda Barnen")
    claim = _claim_unreported(Walk(people, organisation), people["officer"])
    out.write(f"Repayment claim {claim.application.case.case_number}: {claim.amount} kr")
    rejection = _demand_rejected(Walk(people, organisation), people["officer"])
    out.write(f"Demand for a decision rejected by a special decision: {rejection.case}")
