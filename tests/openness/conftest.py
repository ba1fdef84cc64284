import datetime
from decimal import Decimal

import pytest

from partnerships.models import AgreementVersion, Contribution, Party, Signature
from tests import factories


def agreement_version(inquiry, author, *, starts=datetime.date(2026, 1, 1), number=1, **fields):
    values = {
        "goals": "Fler unga i föreningslivet.",
        "governance": "Styrgrupp med en person från varje part.",
        "budget": "Se bilaga.",
        "follow_up": "Årlig uppföljning.",
        **fields,
    }
    return AgreementVersion.objects.create(
        inquiry=inquiry,
        number=number,
        period_start=starts,
        period_end=starts.replace(year=starts.year + 2) - datetime.timedelta(days=1),
        saved_by=author,
        **values,
    )


def sign_all(inquiry, version) -> None:
    """Every party signs ``version`` (the signing step's rows, as agreement_sign writes them)."""
    for party in inquiry.parties.all():
        Signature.objects.create(
            inquiry=inquiry, party=party, version=version, signed_by=version.saved_by
        )


def money(version, party, amount) -> Contribution:
    return Contribution.objects.create(
        version=version,
        party=party,
        kind=Contribution.Kind.MONEY,
        description="Verksamhetsbidrag",
        amount_sek=Decimal(amount),
    )


@pytest.fixture
def signed_agreement(organisation):
    """An IOP proposal of ``organisation`` whose agreement both parties have signed; the city
    pays 250,000 kr a year."""
    user = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=user, title="Läxhjälp i Herrgården")
    version = agreement_version(inquiry, user)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    money(version, public, 250_000)
    sign_all(inquiry, version)
    return inquiry
