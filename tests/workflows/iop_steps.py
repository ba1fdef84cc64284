"""Steps of the IOP flow over HTTP, as each role takes them (shared by the flow tests)."""

from datetime import date

from django.urls import reverse

from organisations.models import Role
from partnerships import selectors
from partnerships.models import SCREENING_CRITERIA
from tests import factories
from tests.driver import do_one, open_tasks, take_and_do


def screening(is_iop=True) -> dict:
    data = {"decision_reasons": "" if is_iop else "Initiativet är en beställning från staden."}
    for name, _question in SCREENING_CRITERIA:
        data[name] = "True" if is_iop or name != "civil_initiative" else "False"
        data[f"{name}_reasoning"] = "Bedömning enligt SOU 2019:56."
    return data


def assessment(conclusion="proceed", action="conclude") -> dict:
    data = dict.fromkeys(("state_resources", "advantage"), "on")
    return {
        **data,
        "procurement_reasoning": "Ingen motprestation av direkt ekonomiskt intresse.",
        "state_aid_reasoning": "Selektivitet saknas; ingen påverkan på handeln.",
        "gdpr_role": "joint_controllership",
        "gdpr_reasoning": "Gemensamt personuppgiftsansvar.",
        "conclusion": conclusion,
        "conclusion_reasoning": "Samtliga kriterier är uppfyllda.",
        "action": action,
    }


def draft(process, action="finish") -> dict:
    from partnerships.models import Party

    parties = list(Party.objects.filter(inquiry=process.inquiry).order_by("pk"))
    idea = next(p for p in parties if p.side == "idea_based")
    public = next(p for p in parties if p.side == "public")
    return {
        "action": action,
        "draft-goals": "Fler unga i föreningslivet\nIndikator: antal deltagare",
        "draft-governance": "Styrgrupp med en representant per part.",
        "draft-budget": "",
        "draft-period_start": "2026-01-01",
        "draft-period_end": "2028-12-31",
        "draft-notice_months": "6",
        "draft-follow_up": "Årlig uppföljning i styrgruppen.",
        "draft-note": "",
        "contributions-TOTAL_FORMS": "2",
        "contributions-INITIAL_FORMS": "0",
        "contributions-MIN_NUM_FORMS": "0",
        "contributions-MAX_NUM_FORMS": "1000",
        "contributions-0-party": str(public.pk),
        "contributions-0-kind": "money",
        "contributions-0-description": "Bidrag till verksamheten",
        "contributions-0-amount_sek": "400000",
        "contributions-0-recipient": str(idea.organisation_id),
        "contributions-1-party": str(idea.pk),
        "contributions-1-kind": "staff_hours",
        "contributions-1-description": "Ledare två kvällar i veckan",
        "contributions-1-amount_sek": "150000",
        "contributions-1-recipient": "",
    }


MEMO = {
    "summary": "Stadskontoret föreslår ett IOP-avtal.",
    "proposal": "Nämnden godkänner avtalet.",
    "distribution": "Föreningen\nStadskontoret",
}


def decision(outcome="approved", paragraph="§ 12", signatory=None) -> dict:
    """A board's decision; an approval names ``signatory``, the person the board authorised
    to sign the agreement for it."""
    return {
        "outcome": outcome,
        "meeting_date": date(2026, 3, 1).isoformat(),
        "protocol_paragraph": paragraph,
        "signatory": signatory.pk if signatory else "",
        "signatory_title": "Förvaltningsdirektör" if signatory else "",
        "note": "",
    }


def authorisable(process):
    """A person the first deciding board of ``process`` may authorise to sign."""
    board = selectors.deciding_boards(process.inquiry)[0]
    return selectors.may_be_authorised(board).first()


def propose_url():
    return reverse("partnerships:propose")


def to_signing(client, officer, process, secretaries_by_board: dict):
    """From a registered proposal to the open signing tasks: every step as its role."""
    do_one(client, officer, process, "screen", screening())
    do_one(client, officer, process, "investigate", assessment())
    do_one(client, officer, process, "co_create", draft(process, action="finish"))
    do_one(client, officer, process, "write_memo", MEMO)
    for task in open_tasks(process, "decide"):
        secretary = secretaries_by_board[task.owner_permission_obj]
        take_and_do(client, secretary, task, decision(signatory=secretary))


def sign_all(client, process, signer_of) -> None:
    """Every party signs; ``signer_of(task)`` names who takes each signing task."""
    for task in open_tasks(process, "sign"):
        take_and_do(client, signer_of(task), task, {"confirm": "on"})


REPORT = {
    "goals_reached": "120 deltagare (mål 100).",
    "contributions_delivered": "Ledare två kvällar i veckan hela året.",
    "budget_against_actual": "Budget 400 000 kr, utfall 385 000 kr.",
    "reflection": "Sommarlovet behöver fler ledare.",
}


def approval(day: str) -> dict:
    """The officer's approval: the steering group's conclusions from its minutes of ``day``."""
    return {
        "summary": "Målen nåddes.",
        "steering_group_conclusions": "Styrgruppen godkänner årets uppföljning.",
        "minutes_date": day,
        "minutes_reference": "Styrgruppens protokoll § 4",
    }


def party_report_task(process):
    """The idea-based party's report task, in its organisation's inbox."""
    (task,) = [t for t in open_tasks(process, "report") if t.owner_permission_obj_pk]
    return task


def city_report_tasks(process) -> list:
    """The report tasks of the parties of the city, in the officers' queue."""
    return [t for t in open_tasks(process, "report") if not t.owner_permission_obj_pk]


def one_board_cast(organisation) -> dict:
    """The people of an IOP case decided by one board: the organisation's member (also its
    signatory), an officer, Fritidsnämnden and its secretary."""
    board = factories.BoardFactory(name="Fritidsnämnden")
    member = factories.member(organisation)
    factories.MembershipFactory(user=member, organisation=organisation, role=Role.SIGNATORY)
    return {
        "member": member,
        "officer": factories.staff(),
        "board": board,
        "secretary": factories.staff(Role.BOARD_SECRETARY, board=board),
    }
