"""The organisation is told when the boards decide on its agreement."""

import pytest

from notifications.models import Notification
from organisations.models import Role
from tests import factories
from tests.driver import open_tasks, take_and_do

from . import iop_steps as steps
from .test_iop_queues import _at_boards

pytestmark = pytest.mark.django_db


def _decide(client, board, process, outcome):
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    (task,) = [t for t in open_tasks(process, "decide") if t.owner_permission_obj == board]
    signatory = secretary if outcome == "approved" else None
    take_and_do(client, secretary, task, steps.decision(outcome, signatory=signatory))


def test_the_organisation_hears_when_a_board_returns_the_agreement(client, organisation, officer):
    member = factories.member(organisation)
    board = factories.BoardFactory()
    process = _at_boards(organisation, officer, client, [board])
    _decide(client, board, process, "returned")
    titles = list(
        Notification.objects.filter(recipient=member, kind="decision").values_list(
            "title", flat=True
        )
    )
    assert len(titles) == 1 and process.artifact.case.case_number in titles[0]


def test_the_organisation_hears_when_all_boards_approve(client, organisation, officer):
    member = factories.member(organisation)
    first, second = factories.BoardFactory(), factories.BoardFactory()
    process = _at_boards(organisation, officer, client, [first, second])
    _decide(client, first, process, "approved")
    assert not Notification.objects.filter(recipient=member, kind="decision").exists()
    _decide(client, second, process, "approved")
    assert Notification.objects.filter(recipient=member, kind="decision").count() == 1
