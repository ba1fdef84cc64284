"""Rows of a year's collaboration made straight in the database, with chosen dates.

The services stamp "now" on every row; the report is about past years, so these builders
write the dates afterwards with ``update`` (the audit log is not what is tested here).
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from casework.models import Case, Deadline
from funding.models import Decision, FundingApplication, Payout, RepaymentClaim
from partnerships.models import AgreementVersion, IOPInquiry, Party, Signature
from tests import factories


def at(year: int, month: int, day: int) -> datetime:
    return timezone.make_aware(datetime(year, month, day))


def case(kind=Case.Kind.IOP_INQUIRY, *, registered, decided=None, closed=None, **kwargs) -> Case:
    made = factories.CaseFactory(kind=kind, **kwargs)
    Case.objects.filter(pk=made.pk).update(
        registered_at=registered, decided_at=decided, closed_at=closed
    )
    made.refresh_from_db()
    return made


def inquiry(status, *, registered, decided=None, closed=None, area=None, organisation=None):
    return IOPInquiry.objects.create(
        case=case(
            registered=registered,
            decided=decided,
            closed=closed,
            challenge_area=area,
            organisation=organisation,
        ),
        initiator=IOPInquiry.Initiator.PROPOSAL,
        purpose="Mötesplats för unga",
        target_group="Unga 13–19 år",
        public_benefit_goal="Trygga kvällar",
        status=status,
    )


def agreement(inquiry, *, board, organisation, period: tuple[date, date], signed, user):
    """The signed version of an agreement between a board of the city and one organisation."""
    public = Party.objects.create(
        inquiry=inquiry,
        organisation=board.administration,
        board=board,
        side=Party.Side.PUBLIC,
    )
    idea_based = Party.objects.create(
        inquiry=inquiry, organisation=organisation, side=Party.Side.IDEA_BASED
    )
    version = AgreementVersion.objects.create(
        inquiry=inquiry,
        number=1,
        goals="Mål",
        governance="Styrgrupp",
        period_start=period[0],
        period_end=period[1],
        follow_up="Årligen",
        saved_by=user,
    )
    for party in (public, idea_based):
        signature = Signature.objects.create(
            inquiry=inquiry, party=party, version=version, signed_by=user
        )
        Signature.objects.filter(pk=signature.pk).update(signed_at=signed)
    return version


def application(
    programme, organisation, *, submitted, applied, status, user, area=None, decided=None
) -> FundingApplication:
    return FundingApplication.objects.create(
        programme=programme,
        organisation=organisation,
        case=case(
            Case.Kind.FUNDING_APPLICATION,
            registered=submitted,
            decided=decided,
            organisation=organisation,
            series="FRN",
        ),
        status=status,
        title="Sommarfotboll",
        challenge_area=area,
        amount_applied=Decimal(applied),
        created_by=user,
        submitted_at=submitted,
        submitted_by=user,
    )


def decision(application, *, outcome, granted, decided, user) -> Decision:
    made = Decision.objects.create(
        application=application,
        outcome=outcome,
        amount_granted=Decimal(granted),
        reasons="Skäl",
        authority="officer",
        decided_by=user,
    )
    Decision.objects.filter(pk=made.pk).update(decided_at=decided)
    return made


def payout(application, amount, *, user) -> Payout:
    return Payout.objects.create(
        application=application,
        amount=Decimal(amount),
        paid_on=date(2025, 7, 1),
        giro_kind="bankgiro",
        giro_number="5050-1055",
        recorded_by=user,
    )


def report_back_due(case, due_on: date, met=None) -> Deadline:
    return Deadline.objects.create(
        case=case,
        kind=Deadline.Kind.REPORT_BACK,
        audience=Deadline.Audience.ORGANISATION,
        due_on=due_on,
        met_at=met,
    )


def repayment_claim(application, amount, *, opened, user) -> RepaymentClaim:
    claim = RepaymentClaim.objects.create(
        application=application, amount=Decimal(amount), reason="Ej genomfört", opened_by=user
    )
    RepaymentClaim.objects.filter(pk=claim.pk).update(opened_at=opened)
    return claim
