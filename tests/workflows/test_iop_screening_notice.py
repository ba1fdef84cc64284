"""Screening a proposal out is a notice (besked) with reasons and suggestions, not a decision,
unless the delegation order makes it one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import translation

from casework.selectors import case_history
from notifications.models import Notification
from organisations.models import DelegationHolding
from partnerships import services
from partnerships.models import SCREENING_CRITERIA, Status
from tests import factories
from tests.driver import do_one, open_tasks
from workflows.iop import screening as suggestions

from . import iop_steps as steps

pytestmark = pytest.mark.django_db

NOT_IOP = {
    **{name: True for name, _question in SCREENING_CRITERIA},
    **{f"{name}_reasoning": "Bedömt." for name, _question in SCREENING_CRITERIA},
    "civil_initiative": False,
}
REASONS = "Initiativet är en beställning från staden, inte ett eget initiativ."


def test_screening_out_is_a_notice_with_reasons_and_suggestions(organisation, officer, member):
    inquiry = factories.iop_inquiry(organisation, user=member)
    services.screening_record(
        inquiry=inquiry,
        acting_user=officer,
        answers=NOT_IOP,
        decision_reasons=REASONS,
        suggestions="Sök utvecklingsbidraget hos fritidsnämnden.",
    )
    inquiry.refresh_from_db()
    case = inquiry.case
    assert inquiry.status == Status.NOT_IOP and case.closed_at is not None
    # A notice is no decision: the case is not marked decided, and the log says "besked".
    assert case.decided_at is None
    assert not case.events.filter(action="decided").exists()
    event = case.events.get(action="not_iop_notice_sent")
    assert event.reason == REASONS
    assert event.data["suggestions"] == "Sök utvecklingsbidraget hos fritidsnämnden."
    with translation.override("sv"):
        labels = [row.action_label for row in case_history(case)]
        assert "Besked lämnat: inte ett IOP" in labels
        assert not any("Beslut" in str(label) for label in labels)
    (note,) = Notification.objects.filter(recipient=member)
    assert note.title.startswith("Besked i ärende") and "inte ett IOP" in note.title
    assert REASONS in note.body and "utvecklingsbidraget" in note.body


def test_screening_out_needs_its_reasons(organisation, officer):
    inquiry = factories.iop_inquiry(organisation)
    with pytest.raises(ValidationError) as refused:
        services.screening_record(inquiry=inquiry, acting_user=officer, answers=NOT_IOP)
    assert "decision_reasons" in refused.value.message_dict


@override_settings(IOP_SCREENING_DELEGATION_POINT="5.3")
def test_where_the_delegation_order_makes_it_a_decision_it_follows_the_decision_rules(
    organisation, officer, member
):
    board = factories.BoardFactory()
    inquiry = factories.iop_inquiry(organisation, boards=[board], user=member)
    with pytest.raises(PermissionDenied):
        services.screening_record(
            inquiry=inquiry, acting_user=officer, answers=NOT_IOP, decision_reasons=REASONS
        )
    DelegationHolding.objects.create(user=officer, board=board, point="5.3")
    services.screening_record(
        inquiry=inquiry, acting_user=officer, answers=NOT_IOP, decision_reasons=REASONS
    )
    inquiry.refresh_from_db()
    assert inquiry.case.decided_at is not None
    event = inquiry.case.events.get(action="not_iop_decided")
    assert event.data["delegation_point"] == "5.3"
    (note,) = Notification.objects.filter(recipient=member)
    assert note.title.startswith("Beslut i ärende")


def test_the_screening_page_suggests_the_funding_programmes_that_fit(client, organisation):
    source = factories.FundingSourceFactory(name="Utvecklingsbidrag för föreningar")
    process = factories.iop_process(organisation)
    officer = factories.staff()
    assert "Utvecklingsbidrag för föreningar" in suggestions.suggested_programmes(process.inquiry)
    (task,) = open_tasks(process, "screen")
    client.force_login(officer)
    data = {**steps.screening(is_iop=False), "suggestions": f"Sök {source.name}."}
    do_one(client, officer, process, "screen", data)
    screening = process.inquiry.screening
    assert screening.suggestions == f"Sök {source.name}."
    assert process.inquiry.status == Status.NOT_IOP
