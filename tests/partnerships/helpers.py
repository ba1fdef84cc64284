"""An active agreement made by the real services only (no workflow), for service tests."""

from datetime import date
from decimal import Decimal

from organisations.models import Role
from partnerships import services
from partnerships.models import SCREENING_CRITERIA, EuroRate, Party
from tests import factories

SCREENING = {
    **{name: True for name, _question in SCREENING_CRITERIA},
    **{f"{name}_reasoning": "Uppfyllt." for name, _question in SCREENING_CRITERIA},
}
ASSESSMENT = {
    **dict.fromkeys(("counter_performance", "direct_economic_interest", "existing_market"), False),
    **dict.fromkeys(("advantage", "selectivity", "distorts_competition", "affects_trade"), False),
    "state_resources": True,
    "is_sgei": False,
    "procurement_reasoning": "Ingen motprestation.",
    "state_aid_reasoning": "Ingen påverkan på handeln.",
    "gdpr_role": "joint_controllership",
    "gdpr_reasoning": "Gemensamt ansvar.",
    "conclusion": "proceed",
    "conclusion_reasoning": "Ett IOP kan ingås.",
}
AGREEMENT = {
    "goals": "Fler unga i föreningslivet",
    "governance": "Styrgrupp",
    "budget": "",
    "period_start": date(2026, 1, 1),
    "period_end": date(2028, 12, 31),
    "notice_months": 6,
    "follow_up": "Årlig uppföljning",
}


def signed_inquiry(organisation, *, money=Decimal(365_000), **period):
    """An inquiry of ``organisation`` with one board, signed by both parties: ``money`` a year
    goes from the board's administration to the organisation."""
    inquiry, signer_of = approved_inquiry(organisation, money=money, **period)
    for party in inquiry.parties.all():
        services.agreement_sign(inquiry=inquiry, party=party, acting_user=signer_of(party))
    inquiry.refresh_from_db()
    return inquiry


def approved_inquiry(organisation, *, money=Decimal(365_000), **period):
    """The inquiry of ``signed_inquiry`` before anyone signs, and who signs for each party."""
    officer, board = factories.staff(), factories.BoardFactory()
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    signatory = factories.member(organisation, role=Role.SIGNATORY)
    inquiry = factories.iop_inquiry(organisation, boards=[board])
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=ASSESSMENT)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data={**AGREEMENT, **period},
        contributions=[services.ContributionInput(public, "money", "Bidrag", money, organisation)],
    )
    services.co_creation_finish(inquiry=inquiry, acting_user=officer)
    services.memo_write(
        inquiry=inquiry, acting_user=officer, summary="s", proposal="p", distribution="d"
    )
    services.board_decision_record(
        inquiry=inquiry,
        board=board,
        acting_user=secretary,
        outcome="approved",
        meeting_date=date(2025, 12, 1),
        protocol_paragraph="§ 1",
        signatory=secretary,
    )
    return inquiry, lambda party: secretary if party.board_id else signatory


def euro_rate(sek_per_eur: str, since=date(2015, 1, 1), until=date(2035, 12, 31)) -> EuroRate:
    """A euro rate the administrators keep, for the days ``since`` to ``until``."""
    return EuroRate.objects.create(
        valid_from=since, valid_until=until, sek_per_eur=Decimal(sek_per_eur), source="InforEuro"
    )
