"""Every read-API URL that carries an object id, and how to make an object of one organisation
for it. ``test_access.py`` fails when an API pattern with an id is missing here, and checks
that another organisation's token gets 404 and an anonymous caller 401.

The portal-wide registry (``tests/access.py``) exempts the ``api`` namespace because an API
answers an anonymous caller 401 instead of sending it to the login page.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from tests import factories

API_OBJECTS: dict[str, Callable[..., dict]] = {}


def api_object(name: str):
    def register(maker):
        API_OBJECTS[name] = maker
        return maker

    return register


@api_object("api:case-detail")
def _case(organisation) -> dict:
    return {"case_number": factories.CaseFactory(organisation=organisation).case_number}


@api_object("api:agreement-detail")
def _agreement(organisation) -> dict:
    from partnerships.models import AgreementVersion

    user = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=user)
    AgreementVersion.objects.create(
        inquiry=inquiry,
        number=1,
        goals="Mål",
        governance="Styrgrupp",
        follow_up="Årligen",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        saved_by=user,
    )
    return {"case_number": inquiry.case.case_number}


def submitted_application(organisation):
    return factories.funding_process(organisation).application


def decision(application):
    from funding.models import Decision

    return Decision.objects.create(
        application=application,
        outcome="approved",
        amount_granted=Decimal(30_000),
        reasons="Uppfyller programmets syfte.",
        authority="officer",
        decided_by=factories.staff(),
    )


def payout(application):
    from funding.models import Payout

    return Payout.objects.create(
        application=application,
        amount=Decimal(30_000),
        paid_on=datetime.date(2026, 6, 1),
        giro_kind="bankgiro",
        giro_number=application.organisation.giro_number,
        recorded_by=factories.staff(),
    )


@api_object("api:decision-detail")
def _decision(organisation) -> dict:
    return {"pk": decision(submitted_application(organisation)).pk}


@api_object("api:payout-detail")
def _payout(organisation) -> dict:
    return {"pk": payout(submitted_application(organisation)).pk}


@api_object("api:document-detail")
def _document(organisation) -> dict:
    from documents.models import Document

    case = factories.CaseFactory(organisation=organisation)
    document = Document.objects.create(
        case=case, kind=Document.Kind.IOP_AGREEMENT, version=1, context={}
    )
    return {"pk": document.pk}
