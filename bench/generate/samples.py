"""One case per stage of each flow, walked through the real pages as each role takes it.

Each recipe gets its own association (with a member who is also its signatory) and returns
the case. The copies in ``clone`` are made from exactly these rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from casework.models import Case
from organisations.models import Board, Organisation, Role, User
from partnerships.models import IOPInquiry
from tests import driver, factories
from tests.driver import open_tasks, take_and_do
from tests.workflows import iop_steps
from workflows.funding.flows import FundingApplicationFlow
from workflows.iop.flows import IOPFlow
from workflows.models import FundingProcess, IOPProcess


@dataclass
class Sample:
    stage: str
    flow: str
    case: Case
    member: object
    organisation: Organisation
    finished: bool
    tasks: int = field(default=0)


class Walker:
    def __init__(self, people: dict, programme):
        self.client = Client()
        self.people = people
        self.programme = programme
        self.officer, self.other_officer = people["officers"][:2]

    def association(self, stage: str):
        organisation = factories.eligible(
            Organisation.objects.create(
                name=f"Mallförening {stage}",
                kind=Organisation.Kind.ASSOCIATION,
                org_number=factories._org_number("804"),
                city="Malmö",
            )
        )
        member = factories.member(organisation, username=f"template-{stage}")
        factories.MembershipFactory(user=member, organisation=organisation, role=Role.SIGNATORY)
        return organisation, member

    # Funding ----------------------------------------------------------------------------

    def submit(self, organisation, member, amount: int) -> FundingProcess:
        application = factories.funding_draft(
            organisation, self.programme, member, amount_applied=Decimal(amount)
        )
        self.client.force_login(member)
        response = self.client.post(reverse("funding:application_submit", args=[application.pk]))
        assert response.status_code == 302, response.status_code
        return FundingProcess.objects.get(
            artifact_object_id=application.pk, flow_class=FundingApplicationFlow
        )

    def take(self, user, process, name, data=None, *, execute=True):
        (task,) = driver.open_tasks(process, name)
        if execute:
            driver.take_and_do(self.client, user, task, data)
        else:
            driver.take(self.client, user, task)

    def assess(self, process, amount: int):
        criterion = process.application.programme.criteria.get()
        self.take(
            self.officer,
            process,
            "assess",
            {
                "no_conflict_of_interest": "on",
                "summary": "Väl förankrat.",
                "proposed_outcome": "approved",
                "proposed_amount": str(amount),
                f"score_{criterion.pk}": "4",
                f"comment_{criterion.pk}": "Bra",
            },
        )

    def funding(self, stage: str) -> tuple[FundingProcess, object, Organisation]:
        organisation, member = self.association(stage)
        amount = {"delegate": 30000, "board": 80000}.get(stage.split("_")[-1], 15000)
        process = self.submit(organisation, member, amount)
        today = timezone.localdate().isoformat()
        steps = FUNDING_STAGES[stage]
        for step in steps:
            step(self, process, member, today)
        return process, member, organisation


def _supplement(w, p, m, today):
    due = (timezone.localdate() + timezone.timedelta(days=14)).isoformat()
    w.take(
        w.officer,
        p,
        "check_complete",
        {"result": "supplement", "message": "Bifoga en budget.", "due_on": due},
    )


def _complete(w, p, m, today):
    w.take(w.officer, p, "check_complete", {"result": "complete"})


def _take_assess(w, p, m, today):
    w.take(w.officer, p, "assess", execute=False)


def _take_supplement(w, p, m, today):
    w.take(m, p, "answer_supplement", execute=False)


def _assess(w, p, m, today):
    w.assess(p, p.application.amount_applied)


def _decide(outcome):
    def step(w, p, m, today):
        amount = "0" if outcome == "rejected" else str(p.application.amount_applied)
        w.take(
            w.other_officer,
            p,
            "decide_as_officer",
            {
                "no_conflict_of_interest": "on",
                "outcome": outcome,
                "amount_granted": amount,
                "reasons": "Enligt villkoren.",
            },
        )

    return step


def _board_memo(w, p, m, today):
    w.take(
        w.officer,
        p,
        "write_board_memo",
        {
            "summary": "Föreningen söker 80 000 kr.",
            "proposal": "Nämnden beviljar 80 000 kr.",
            "meeting_date": today,
        },
    )


def _pay(w, p, m, today):
    w.take(w.officer, p, "pay", {"amount": str(p.application.amount_applied), "paid_on": today})


def _report(w, p, m, today):
    w.take(
        m,
        p,
        "report_back",
        {"description": "Allt genomfört.", "amount_used": str(p.application.amount_applied)},
    )


def _review(w, p, m, today):
    w.take(w.officer, p, "review_report", {"review": "approved"})


FUNDING_STAGES = {
    "f_submitted": [],
    "f_supplement": [_supplement],
    "f_supplement_taken": [_supplement, _take_supplement],
    "f_assess": [_complete],
    "f_assess_taken": [_complete, _take_assess],
    "f_decide_officer": [_complete, _assess],
    "f_decide_delegate": [_complete, _assess],
    "f_memo_board": [_complete, _assess],
    "f_decide_board": [_complete, _assess, _board_memo],
    "f_pay": [_complete, _assess, _decide("approved")],
    "f_report_back": [_complete, _assess, _decide("approved"), _pay],
    "f_review": [_complete, _assess, _decide("approved"), _pay, _report],
    "f_settled": [_complete, _assess, _decide("approved"), _pay, _report, _review],
    "f_rejected": [_complete, _assess, _decide("rejected")],
}

# IOP -----------------------------------------------------------------------------------------


def _propose(w, member, organisation, boards) -> IOPProcess:
    w.client.force_login(member)
    response = w.client.post(
        iop_steps.propose_url(),
        {
            "title": "Mötesplats för unga",
            "purpose": "Aktiviteter för unga.",
            "target_group": "Unga 7–18 år",
            "public_benefit_goal": "Fler unga i föreningslivet.",
            "boards": [b.pk for b in boards],
            "contributions": "Lokaler och ledare.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    inquiry = IOPInquiry.objects.filter(case__organisation=organisation).latest("pk")
    return IOPProcess.objects.get(artifact_object_id=inquiry.pk, flow_class=IOPFlow)


def _iop_do(w, user, process, name, data):
    w.client.force_login(user)
    (task,) = open_tasks(process, name)
    take_and_do(w.client, user, task, data)


IOP_ORDER = ["screen", "investigate", "co_create", "write_memo", "decide", "sign"]


def iop(w: Walker, stage: str):
    organisation, member = w.association(stage)
    boards = list(Board.objects.filter(code__in=["frn", "kn"]).order_by("code"))
    process = _propose(w, member, organisation, boards)
    officer = w.officer
    if stage == "i_not_iop":
        _iop_do(w, officer, process, "screen", iop_steps.screening(is_iop=False))
        return process, member, organisation
    target = IOP_STAGES[stage]
    for name in IOP_ORDER[: IOP_ORDER.index(target)] if target in IOP_ORDER else IOP_ORDER:
        if name == "screen":
            _iop_do(w, officer, process, name, iop_steps.screening())
        elif name == "investigate":
            _iop_do(w, officer, process, name, iop_steps.assessment())
        elif name == "co_create":
            action = "send" if stage == "i_review_draft" else "finish"
            _iop_do(w, officer, process, name, iop_steps.draft(process, action=action))
            if action == "send":
                return process, member, organisation
        elif name == "write_memo":
            _iop_do(w, officer, process, name, iop_steps.MEMO)
        elif name in ("decide", "sign"):
            for task in open_tasks(process, name):
                obj = task.owner_permission_obj
                if name == "decide":
                    user = w.people["secretaries"][obj.code]
                    data = iop_steps.decision("approved", signatory=user)
                else:
                    user, data = (obj if isinstance(obj, User) else member), {"confirm": "on"}
                take_and_do(w.client, user, task, data)
    return process, member, organisation


IOP_STAGES = {
    "i_screen": "screen",
    "i_investigate": "investigate",
    "i_co_create": "co_create",
    "i_review_draft": "write_memo",
    "i_memo": "write_memo",
    "i_decide": "decide",
    "i_sign": "sign",
    "i_active": "active",
    "i_not_iop": "screen",
}


def walk_all(people: dict, programme) -> list[Sample]:
    walker = Walker(people, programme)
    samples = []
    for stage in FUNDING_STAGES:
        process, member, organisation = walker.funding(stage)
        samples.append(_sample(stage, "funding", process, member, organisation))
    for stage in IOP_STAGES:
        process, member, organisation = iop(walker, stage)
        samples.append(_sample(stage, "iop", process, member, organisation))
    return samples


def _sample(stage, flow, process, member, organisation) -> Sample:
    process.refresh_from_db()
    subject = process.artifact
    case = subject.case
    return Sample(
        stage=stage,
        flow=flow,
        case=case,
        member=member,
        organisation=organisation,
        finished=process.finished is not None or process.status == "DONE" or stage == "i_active",
        tasks=Task.objects.filter(process=process).count(),
    )


__all__ = ["Sample", "walk_all"]
