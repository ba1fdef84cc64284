"""Fuzzing the IOP forms: the proposal, and each task of the IOP workflow through its real view
as the role that does it (screening, investigation, co-creation draft, memo, board decision,
signing)."""

import re

import pytest
from hypothesis import given
from viewflow.workflow.models import Task

from casework.models import AuditEvent
from organisations.models import Role
from partnerships.models import SCREENING_CRITERIA, AgreementVersion, Contribution, IOPInquiry
from tests import factories
from tests.driver import do_one, open_tasks, take_and_do
from tests.fuzz.checks import fuzz_form, fuzz_settings, post_and_check
from tests.fuzz.strategies import form_data
from tests.workflows import iop_steps as steps
from workflows.iop.flows import IOPFlow
from workflows.models import IOPProcess
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    boards = [factories.BoardFactory(name="Fritidsnämnden")]
    member = factories.member(organisation)
    factories.MembershipFactory(user=member, organisation=organisation, role=Role.SIGNATORY)
    return {
        "member": member,
        "officer": factories.staff(),
        "boards": boards,
        "secretary": factories.staff(Role.BOARD_SECRETARY, board=boards[0]),
    }


PROPOSAL = (
    {
        "title": "Kraftsamling för unga",
        "purpose": "Aktiviteter för unga.",
        "target_group": "Unga 7–18 år",
        "public_benefit_goal": "Fler unga i föreningslivet.",
        "boards": "BOARD",
        "contributions": "Lokaler och ledare.",
    },
    {
        "title": "text",
        "purpose": "text",
        "target_group": "text",
        "public_benefit_goal": "text",
        "boards": "id",
        "partners": "id",
        "challenge_area": "id",
        "contributions": "text",
    },
)


def _rows():
    return (
        IOPInquiry.objects.count(),
        list(Task.objects.values_list("pk", "status", "data")),  # a kept draft is saved work
        AuditEvent.objects.count(),
        AgreementVersion.objects.count(),
        Contribution.objects.count(),
    )


@fuzz_settings
@given(data=form_data(*PROPOSAL))
def test_a_hostile_iop_proposal_is_refused_or_registered_whole(client, people, data):
    data = {k: str(people["boards"][0].pk) if v == "BOARD" else v for k, v in data.items()}
    client.force_login(people["member"])
    post_and_check(client, steps.propose_url(), data, rows=_rows, name="partnerships.InquiryForm")


def _propose(client, people) -> IOPProcess:
    client.force_login(people["member"])
    data = {k: v for k, v in PROPOSAL[0].items() if k != "boards"}
    response = client.post(steps.propose_url(), {**data, "boards": [people["boards"][0].pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return IOPProcess.objects.get(artifact_object_id=IOPInquiry.objects.get().pk)


def _screened(client, people, process):
    do_one(client, people["officer"], process, "screen", steps.screening())


def _investigated(client, people, process):
    _screened(client, people, process)
    do_one(client, people["officer"], process, "investigate", steps.assessment())


def _drafted(client, people, process):
    _investigated(client, people, process)
    do_one(client, people["officer"], process, "co_create", steps.draft(process, action="finish"))


def _memo_written(client, people, process):
    _drafted(client, people, process)
    do_one(client, people["officer"], process, "write_memo", steps.MEMO)


def _decided(client, people, process):
    _memo_written(client, people, process)
    do_one(
        client,
        people["secretary"],
        process,
        "decide",
        steps.decision(signatory=people["secretary"]),
    )


SCREENING_KINDS = {"decision_reasons": "text"}
for _name, _question in SCREENING_CRITERIA:
    SCREENING_KINDS |= {_name: "choice", f"{_name}_reasoning": "text"}

DRAFT_KINDS = {
    "action": "choice",
    "draft-goals": "text",
    "draft-governance": "text",
    "draft-budget": "text",
    "draft-period_start": "date",
    "draft-period_end": "date",
    "draft-notice_months": "integer",
    "draft-follow_up": "text",
    "draft-note": "text",
    "contributions-TOTAL_FORMS": "integer",
    "contributions-0-party": "id",
    "contributions-0-kind": "choice",
    "contributions-0-description": "text",
    "contributions-0-amount_sek": "amount",
    "contributions-0-recipient": "id",
    "contributions-1-amount_sek": "amount",
}

# task: (who, how to get there, a valid answer (or a maker of one), the kind of each field).
# co_create (DRAFT_KINDS) and the later tasks are fuzzed in test_fuzz_iop_life.py.
TASKS = {
    "screen": ("officer", None, lambda process: steps.screening(), SCREENING_KINDS),
    "investigate": (
        "officer",
        _screened,
        lambda process: steps.assessment(),
        {
            "procurement_reasoning": "text",
            "state_aid_reasoning": "text",
            "gdpr_role": "choice",
            "gdpr_reasoning": "text",
            "conclusion": "choice",
            "conclusion_reasoning": "text",
            "action": "choice",
            "state_resources": "bool",
            "advantage": "bool",
        },
    ),
    "write_memo": (
        "officer",
        _drafted,
        lambda process: steps.MEMO,
        {"summary": "text", "proposal": "text", "distribution": "text"},
    ),
    "decide": (
        "secretary",
        _memo_written,
        lambda process: steps.decision(signatory=steps.authorisable(process)),
        {"outcome": "choice", "meeting_date": "date", "protocol_paragraph": "text", "note": "text"},
    ),
    "sign": ("member", _decided, lambda process: {"confirm": "on"}, {"confirm": "bool"}),
}


@pytest.mark.parametrize("node", list(TASKS))
def test_every_iop_task_refuses_hostile_values_and_saves_nothing(client, people, node):
    who, reach, valid, kinds = TASKS[node]
    process = _propose(client, people)
    if reach:
        reach(client, people, process)
    task = open_tasks(process, node)[0]
    client.force_login(people[who])
    assert client.post(task_url(task, "assign")).status_code == 302
    fuzz_form(
        client,
        task_url(task, "execute"),
        valid(process),
        kinds,
        rows=_rows,
        name=f"iop flow: {node}",
    )


def test_the_fuzz_covers_the_iop_flow_up_to_signing():
    names = [node.name for node in IOPFlow.instance.nodes()]
    assert set(TASKS) <= set(names)


def test_a_public_party_id_no_database_can_hold_is_refused_with_a_message(client, people):
    """Found by fuzzing: a board id beyond 64 bits raised OverflowError on SQLite (a 500)."""
    client.force_login(people["member"])
    data = {**PROPOSAL[0], "boards": [str(people["boards"][0].pk), "9223372036854775808"]}
    response = post_and_check(
        client, steps.propose_url(), data, rows=_rows, name="regression: proposal board id 2**63"
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("amount", ["sNaN", "Infinity"])
def test_a_not_a_number_contribution_in_a_saved_draft_is_refused_with_a_message(
    client, people, amount
):
    """Found by fuzzing: with a saved draft, "sNaN" raised InvalidOperation while the formset
    compared a contribution with its saved value (a server error)."""
    process = _propose(client, people)
    _investigated(client, people, process)
    (task,) = open_tasks(process, "co_create")
    take_and_do(client, people["officer"], task, steps.draft(process, action="save"))
    # Sent for review, the draft is checked ("save" keeps what was typed as a draft, unchecked).
    data = {**steps.draft(process, action="send"), "contributions-0-amount_sek": amount}
    response = post_and_check(
        client,
        task_url(task, "execute"),
        data,
        rows=_rows,
        name="regression: contribution amount sNaN",
    )
    assert response.status_code in (200, 400)


def test_a_draft_sent_with_thousands_of_contribution_rows_is_refused_with_a_message(client, people):
    """Found by fuzzing: "contributions-TOTAL_FORMS=2000" made the page build and draw two
    thousand rows (minutes per request); a count beyond the cap is refused."""
    process = _propose(client, people)
    _investigated(client, people, process)
    (task,) = open_tasks(process, "co_create")
    client.force_login(people["officer"])
    assert client.post(task_url(task, "assign")).status_code == 302
    data = {**steps.draft(process, action="send"), "contributions-TOTAL_FORMS": "2000"}
    response = post_and_check(
        client,
        task_url(task, "execute"),
        data,
        rows=_rows,
        name="regression: 2000 contribution rows",
    )
    assert response.status_code in (200, 400)
    assert re.search(r"60 formul", response.content.decode())  # the cap is named in the message
    assert response.content.decode().count('name="contributions-') < 61 * 8
