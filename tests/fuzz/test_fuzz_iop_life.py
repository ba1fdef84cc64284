"""Fuzzing the IOP forms after the investigation: the co-creation workspace (the officer's and
the organisation's), the review of the draft, revise-or-close, the yearly follow-up and its
approval, the renewal decision, termination, closing an inquiry, and the officer's registration
of an assignment; each through its real view as the role that does it."""

import pytest
from django.urls import reverse
from hypothesis import given
from viewflow.workflow.models import Task

from casework.models import AuditEvent
from organisations.models import Role
from partnerships.models import (
    AgreementVersion,
    Contribution,
    DraftReview,
    FollowUp,
    FollowUpReport,
    IOPInquiry,
    Party,
    RenewalDecision,
    Termination,
)
from tests import factories
from tests.casework.test_clocks import at
from tests.driver import do_one, open_tasks, take_and_do
from tests.fuzz.checks import fuzz_form, fuzz_settings, post_and_check
from tests.fuzz.strategies import form_data
from tests.fuzz.test_fuzz_iop import DRAFT_KINDS, PROPOSAL
from tests.fuzz.test_fuzz_iop import TASKS as EARLIER_TASKS
from tests.workflows import iop_steps as steps
from workflows.iop.flows import IOPFlow
from workflows.models.base import task_url
from workflows.tasks import fire_workflow_timers

pytestmark = pytest.mark.django_db

# The day each fuzzed task is done on: the partnership runs 2026–2028, signed in January 2026.
SIGNED_ON, FIRST_FOLLOW_UP, SECOND_FOLLOW_UP, RENEWAL_ASKED = (
    "2026-01-10",
    "2026-12-20",
    "2027-12-20",
    "2028-03-30",
)


@pytest.fixture
def people(organisation):
    return steps.one_board_cast(organisation)


def _rows():
    return (
        IOPInquiry.objects.values_list("pk", "status").order_by("pk").first(),
        list(Task.objects.values_list("pk", "status", "data")),  # a kept draft is saved work
        AuditEvent.objects.count(),
        AgreementVersion.objects.count(),
        Contribution.objects.count(),
        DraftReview.objects.count(),
        list(FollowUp.objects.values_list("pk", "officer_summary")),
        list(FollowUpReport.objects.values_list("pk", "reflection")),
        RenewalDecision.objects.count(),
        Termination.objects.count(),
    )


# How to reach each task: every step before it, as its role, on the day it is done. ---------


def _investigated(client, people, process):
    do_one(client, people["officer"], process, "screen", steps.screening())
    do_one(client, people["officer"], process, "investigate", steps.assessment())


def _sent_for_review(client, people, process):
    _investigated(client, people, process)
    do_one(client, people["officer"], process, "co_create", steps.draft(process, action="send"))


def _rejected(client, people, process):
    _investigated(client, people, process)
    do_one(client, people["officer"], process, "co_create", steps.draft(process, action="finish"))
    do_one(client, people["officer"], process, "write_memo", steps.MEMO)
    do_one(client, people["secretary"], process, "decide", steps.decision("rejected"))


def _signed(client, people, process):
    with at(SIGNED_ON):
        steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
        steps.sign_all(
            client,
            process,
            lambda task: (
                people["member"]
                if task.owner_permission == "organisations.sign_for"
                else people["secretary"]
            ),
        )


def _follow_up_opened(client, people, process, day=FIRST_FOLLOW_UP):
    with at(day):
        assert fire_workflow_timers() == 1


def _reported(client, people, process, day=FIRST_FOLLOW_UP):
    _follow_up_opened(client, people, process, day)
    with at(day):
        take_and_do(client, people["member"], steps.party_report_task(process), steps.REPORT)
        for task in steps.city_report_tasks(process):
            take_and_do(client, people["officer"], task, steps.REPORT)


def _follow_up_approved(client, people, process, day):
    _reported(client, people, process, day)
    with at(day):
        do_one(client, people["officer"], process, "approve_follow_up", steps.approval(day))


def _renewal_asked(client, people, process):
    _follow_up_approved(client, people, process, FIRST_FOLLOW_UP)
    _follow_up_approved(client, people, process, SECOND_FOLLOW_UP)
    _follow_up_opened(client, people, process, RENEWAL_ASKED)


def _then(*reaches):
    def reach(client, people, process):
        for step in reaches:
            step(client, people, process)

    return reach


REVIEW = {"answer": "changes", "comment": "Ändra budgeten."}
REPORT_KINDS = dict.fromkeys(steps.REPORT, "text")

# label: (node, who, how to get there, the day it is done on, a valid answer (or a maker of
# one), the kind of each field). The organisation's "save" on its review page posts the draft.
TASKS = {
    "co_create": (
        "co_create",
        "officer",
        _investigated,
        SIGNED_ON,
        lambda process: steps.draft(process, action="save"),
        DRAFT_KINDS,
    ),
    "co_create (send, finish)": (
        "co_create",
        "officer",
        _investigated,
        SIGNED_ON,
        lambda process: steps.draft(process, action="send"),
        DRAFT_KINDS,
    ),
    "review_draft": (
        "review_draft",
        "member",
        _sent_for_review,
        SIGNED_ON,
        lambda process: REVIEW,
        {"answer": "choice", "comment": "text", "action": "choice"},
    ),
    "review_draft (the organisation saves the draft)": (
        "review_draft",
        "member",
        _sent_for_review,
        SIGNED_ON,
        lambda process: steps.draft(process, action="save"),
        DRAFT_KINDS,
    ),
    "revise_or_close": (
        "revise_or_close",
        "officer",
        _rejected,
        SIGNED_ON,
        lambda process: {"choice": "revise", "reason": "Nämnden vill ändra."},
        {"choice": "choice", "reason": "text"},
    ),
    "report": (
        "report",
        "member",
        _then(_signed, _follow_up_opened),
        FIRST_FOLLOW_UP,
        lambda process: steps.REPORT,
        REPORT_KINDS,
    ),
    "approve_follow_up": (
        "approve_follow_up",
        "officer",
        _then(_signed, _reported),
        FIRST_FOLLOW_UP,
        lambda process: steps.approval(FIRST_FOLLOW_UP),
        {
            "summary": "text",
            "steering_group_conclusions": "text",
            "minutes_date": "date",
            "minutes_reference": "text",
        },
    ),
    "decide_renewal": (
        "decide_renewal",
        "officer",
        _then(_signed, _renewal_asked),
        RENEWAL_ASKED,
        lambda process: {"choice": "renew", "reason": "Parterna vill fortsätta."},
        {"choice": "choice", "reason": "text"},
    ),
}


_UNCHANGED_SAVES_NOTHING = {"review_draft (the organisation saves the draft)"}


@pytest.mark.parametrize("label", list(TASKS))
def test_every_task_of_the_partnership_refuses_hostile_values_and_saves_nothing(
    client, people, organisation, label
):
    node, who, reach, day, valid, kinds = TASKS[label]
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    with at(SIGNED_ON):
        reach(client, people, process)
    with at(day):
        # The report task fuzzed is the association's (the city's is the officers').
        (task,) = [
            t for t in open_tasks(process, node) if who != "member" or t.owner_permission_obj_pk
        ]
        client.force_login(people[who])
        assert client.post(task_url(task, "assign")).status_code == 302
        fuzz_form(
            client,
            task_url(task, "execute"),
            valid(process),
            kinds,
            rows=_rows,
            name=f"iop flow: {label}",
            # A draft saved back unchanged is no new version, by design: the version the
            # organisation agreed to stays the one that goes on to the memo.
            noop_allowed=label in _UNCHANGED_SAVES_NOTHING,
        )


def test_a_partys_acceptance_refuses_hostile_values_and_accepts_only_when_confirmed(
    client, people, organisation
):
    """A party named in the proposal, another organisation, accepts being one through its own
    member, as signing is done: one tick box."""
    partner = factories.OrganisationFactory(name="Idrottsföreningen")
    partner_member = factories.member(partner)
    process = factories.iop_process(
        organisation, boards=[people["board"]], user=people["member"], partners=[partner]
    )
    _investigated(client, people, process)
    (task,) = open_tasks(process, "accept")
    client.force_login(partner_member)
    assert client.post(task_url(task, "assign")).status_code == 302

    def rows():
        return _rows(), list(Party.objects.values_list("pk", "accepted_at").order_by("pk"))

    fuzz_form(
        client,
        task_url(task, "execute"),
        {"confirm": "on"},
        {"confirm": "bool"},
        rows=rows,
        name="iop flow: accept",
    )


def test_the_fuzz_covers_every_human_task_of_the_iop_flow():
    human = {
        node.name for node in IOPFlow.instance.nodes() if getattr(node, "task_type", "") == "HUMAN"
    }
    fuzzed = set(EARLIER_TASKS) | {node for node, *_rest in TASKS.values()} | {"accept"}
    assert human <= fuzzed, human - fuzzed


# The pages of an inquiry outside the task inbox. -------------------------------------------


@fuzz_settings
@given(
    data=form_data(
        {**PROPOSAL[0], "lead": "LEAD", "assignment_reference": "KS 2026-01-20 § 14"},
        {**PROPOSAL[1], "lead": "id", "assignment_reference": "text"},
    )
)
def test_an_officer_registers_a_hostile_assignment_whole_or_not_at_all(
    client, people, organisation, data
):
    placeholders = {"BOARD": str(people["board"].pk), "LEAD": str(organisation.pk)}
    data = {k: placeholders.get(v, v) for k, v in data.items()}
    client.force_login(people["officer"])
    post_and_check(
        client,
        reverse("partnerships:register_assignment"),
        data,
        rows=_rows,
        name="partnerships.AssignmentForm",
    )


@pytest.mark.parametrize("who", ["secretary", "member"])
def test_terminating_an_agreement_refuses_hostile_values_and_saves_nothing(
    client, people, organisation, who
):
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    _signed(client, people, process)
    side = "public" if who == "secretary" else "idea_based"
    party = process.inquiry.parties.get(side=side)
    url = reverse("partnerships:terminate", args=[process.inquiry.case.case_number])
    client.force_login(people[who])

    @fuzz_settings
    @given(
        data=form_data(
            {
                "party": str(party.pk),
                "reason": "Budgeten dras in.",
                "decision_reference": "Protokoll 2026-05-20 § 7",
            },
            {"party": "id", "reason": "text", "decision_reference": "text"},
        )
    )
    def fuzz(data):
        with at("2026-06-01"):
            post_and_check(
                client, url, data, rows=_rows, name=f"partnerships.TerminationForm ({who})"
            )

    fuzz()


@pytest.mark.parametrize("who", ["officer", "member"])
def test_closing_or_withdrawing_an_inquiry_refuses_hostile_reasons(
    client, people, organisation, who
):
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    url = reverse("partnerships:end", args=[process.inquiry.case.case_number])
    client.force_login(people[who])

    @fuzz_settings
    @given(data=form_data({"reason": "Föreningen drar tillbaka förslaget."}, {"reason": "text"}))
    def fuzz(data):
        post_and_check(client, url, data, rows=_rows, name=f"partnerships.ReasonForm ({who})")

    fuzz()


def test_a_de_minimis_declaration_refuses_hostile_values_or_is_saved_whole(
    client, people, organisation
):
    inquiry = factories.iop_inquiry(organisation, user=people["member"])
    url = reverse("partnerships:de_minimis_declaration", args=[inquiry.case.case_number])
    client.force_login(people["member"])
    valid = {
        "organisation": str(organisation.pk),
        "complete": "on",
        "aid-TOTAL_FORMS": "1",
        "aid-INITIAL_FORMS": "0",
        "aid-MIN_NUM_FORMS": "0",
        "aid-MAX_NUM_FORMS": "30",
        "aid-0-granted_by": "Region Skåne",
        "aid-0-granted_on": "2025-04-01",
        "aid-0-amount": "50000",
        "aid-0-currency": "SEK",
    }
    kinds = {
        "organisation": "id",
        "complete": "bool",
        "aid-TOTAL_FORMS": "integer",
        "aid-0-granted_by": "text",
        "aid-0-granted_on": "date",
        "aid-0-amount": "amount",
        "aid-0-currency": "choice",
        "aid-0-is_sgei": "bool",
    }
    fuzz_form(client, url, valid, kinds, rows=_rows, name="partnerships.DeclarationForm")


def test_a_procurement_override_refuses_hostile_reasons(client, people, organisation):
    process = factories.iop_process(organisation, boards=[people["board"]], user=people["member"])
    do_one(client, people["officer"], process, "screen", steps.screening())
    (task,) = open_tasks(process, "investigate")
    client.force_login(people["officer"])
    assert client.post(task_url(task, "assign")).status_code == 302
    data = {**steps.assessment(action="save"), "counter_performance": "on"}
    data["direct_economic_interest"] = "on"
    assert client.post(task_url(task, "execute"), data).status_code == 302
    url = reverse("partnerships:procurement_override", args=[process.inquiry.case.case_number])
    client.force_login(factories.staff(Role.DELEGATE))
    fuzz_form(
        client,
        url,
        {"reasons": "Ersättningen täcker bara kostnader."},
        {"reasons": "text"},
        rows=_rows,
        name="partnerships.ProcurementOverrideForm",
    )
