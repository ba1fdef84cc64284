"""Demo decision letters and a board meeting: a partly granted application (the granted and
the rejected ones are ``demo.applications``'), and the delegated decisions reported to the
leisure board's meeting, whose protocol's approval was announced on the notice board.

Made through the services and the flow, after ``demo.applications``. Safe to run again.
"""

from decimal import Decimal

from django.core.management.base import CommandError
from django.utils import timezone

from funding import services
from funding.models import Decision, FundingProgramme
from funding.models.handling import Outcome
from organisations.models import Board, Organisation, User
from workflows.funding import services as flow_services

from .applications import PREFIX, Walk, _do

PARTLY = "Ishockeyskola på sportlovet"
PROTOCOL_PARAGRAPH = "§ 142"


def _partly_granted(people: dict) -> None:
    walk = Walk(people, Organisation.objects.get(name="Rädda Barnen"))
    walk.draft(PARTLY, FundingProgramme.objects.get(slug="lovaktivitetsbidrag"), "48000")
    walk.submit()
    walk.mark_complete()
    application = walk.refresh()
    _do(
        walk.process,
        "assess",
        people["officer"],
        flow_services.assessment_record,
        no_conflict_of_interest=True,
        proposed_outcome=Outcome.PARTLY_APPROVED,
        proposed_amount=Decimal("30000"),
        summary="Istiden för två av fem dagar är inte bokad; de tre andra dagarna bör beviljas.",
        scores={criterion.pk: (3, "") for criterion in application.programme.criteria.all()},
    )
    _do(
        walk.process,
        "decide_as_delegate",
        people["delegate"],
        flow_services.decision_record,
        no_conflict_of_interest=True,
        outcome=Outcome.PARTLY_APPROVED,
        amount_granted=Decimal("30000"),
        reasons="Aktiviteten uppfyller villkoren i punkt 1–5 för tre av de fem dagar som "
        "ansökan gäller. För två dagar finns ingen bokad istid, och den delen av kostnaden "
        "beviljas inte.",
    )


def _report_to_the_meeting(secretary: User) -> int:
    """Today's meeting of the leisure board: the delegated decisions are reported under
    § 142, and the protocol, approved at once (omedelbar justering), is announced today."""
    board = Board.objects.get(code="frn")
    today = timezone.localdate()
    count = services.decisions_report_to_board(
        board=board,
        acting_user=secretary,
        meeting_date=today,
        protocol_paragraph=PROTOCOL_PARAGRAPH,
    )
    services.meeting_protocol_announce(
        meeting=services.meeting_of(board, today), acting_user=secretary, announced_on=today
    )
    return count


def load(out) -> None:
    if not User.objects.filter(username="delegat").exists():
        raise CommandError("The demo letters need the demo accounts: load those first.")
    if Decision.objects.filter(application__title=PREFIX + PARTLY).exists():
        out.write("The demo letters are there already.")
        return
    people = {
        "member": User.objects.get(username="raddabarnen"),
        "officer": User.objects.get(username="handlaggare"),
        "delegate": User.objects.get(username="delegat"),
    }
    _partly_granted(people)
    count = _report_to_the_meeting(User.objects.get(username="fritidsnamnden"))
    out.write(f"A partly granted application; {count} delegated decisions reported to a meeting.")
