"""Demo: an IOP partnership proposed by Växtverket, whose demand for a decision (12 §) is
rejected by a special decision with its letter, made through the real services.

One thing is not what a person could do today, and is marked: the demand is dated today on a
proposal just made (the six months are not waited for)."""

from django.core.management.base import CommandError
from django.utils import timezone

from casework import services as case_services
from organisations.models import Board, Organisation, User
from partnerships import services
from partnerships.models import IOPInquiry
from workflows.iop import services as flow_services

TITLE = "Växtverket: odlingslotter för unga i Rosengård"


def load(out) -> None:
    """Make the demo's IOP proposal and its answered demand once (demo mode; after the demo
    accounts); loading again adds nothing."""
    if not User.objects.filter(username="vaxtverket").exists():
        raise CommandError("The demo demand needs the demo accounts: load those first.")
    if IOPInquiry.objects.filter(case__title=TITLE).exists():
        out.write("The demo IOP demand is there already.")
        return
    officer = User.objects.get(username="handlaggare")
    inquiry = flow_services.inquiry_propose(
        acting_user=User.objects.get(username="vaxtverket"),
        organisation=Organisation.objects.get(name="Växtverket"),
        boards=[Board.objects.get(code="frn")],
        title=TITLE,
        purpose="Odlingslotter där unga odlar, lagar mat och säljer på torget tillsammans.",
        target_group="Unga 13–19 år i Rosengård",
        public_benefit_goal="Fler unga med en meningsfull fritid och en väg till arbete.",
    )
    # Demo only: the demand is dated today; a party may make it six months after registration.
    case_services.case_decision_demand_register(
        case=inquiry.case, acting_user=officer, demanded_on=timezone.localdate()
    )
    inquiry.case.refresh_from_db()
    rejection = services.inquiry_demand_reject(
        inquiry=inquiry,
        acting_user=officer,
        reasons=(
            "Förslaget prövas mot kriterierna för ett idéburet offentligt partnerskap, och "
            "partnerskapets juridiska och ekonomiska konsekvenser ska utredas innan nämnden kan "
            "besluta. Utredningen blir klar om två månader; ärendet kan inte avgöras tidigare."
        ),
        authority="punkt 1.4 i fritidsnämndens delegationsordning",
    )
    out.write(f"IOP demand for a decision rejected by a special decision: {rejection.case}")
