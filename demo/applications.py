"""Demo applications in every state, made through the real services and the real flow.

Each application is walked as far as its state by the demo accounts (``raddabarnen`` applies,
``handlaggare`` checks, assesses and pays, ``delegat`` decides, ``fritidsnamnden`` records the
board's decision) through the workflow's services (``workflows.funding.services``), exactly as
the task pages call them: take the task, then do it through its service, which finishes it.
Only one thing is not what a person could do today: the overdue report-back has its deadline
moved into the past, since the service always gives the organisation time.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework.models import Deadline
from demo import delegations, files
from funding import memos, services
from funding.models import FundingApplication, FundingProgramme
from funding.models.handling import Outcome
from organisations.models import Organisation, User
from workflows.funding import services as flow_services
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.services import task_take

PREFIX = "Demo: "

# title, programme, amount applied, the state to leave it in
APPLICATIONS = [
    ("Läxhjälp i Lindängen", "lovaktivitetsbidrag", "24000", "draft"),
    ("Sommarfotboll i Rosengård", "lovaktivitetsbidrag", "30000", "submitted"),
    ("Simskola på sportlovet", "lovaktivitetsbidrag", "28000", "supplement_requested"),
    ("Kodklubb för tjejer", "lovaktivitetsbidrag", "35000", "in_assessment"),
    ("Ungdomsråd i Fosie", "utvecklingsbidrag", "90000", "board_decision"),
    ("Dans på höstlovet", "lovaktivitetsbidrag", "40000", "granted"),
    ("Ny föreningslokal i Hyllie", "lokalbidrag", "60000", "rejected"),
    ("Friluftsdagar i Bokskogen", "lovaktivitetsbidrag", "45000", "paid"),
    ("Teaterläger på påsklovet", "lovaktivitetsbidrag", "32000", "report_overdue"),
    ("Fiskeskola vid Ribersborg", "lovaktivitetsbidrag", "26000", "reported"),
    ("Cirkusskola i Kroksbäck", "lovaktivitetsbidrag", "36000", "more_report_requested"),
    ("Skateboardkurs på sommarlovet", "lovaktivitetsbidrag", "38000", "approved"),
    ("Matlagning för unga", "lovaktivitetsbidrag", "42000", "repayment_claimed"),
]

ATTACHMENTS = {
    "activity_plan": "aktivitetsplan.pdf",
    "budget": "budget.pdf",
    "idea_workshop": "intyg-ideverkstad.pdf",
    "cost_basis": "hyresavtal.pdf",
}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, files.pdf(f"Demo: {name}"), content_type="application/pdf")


def _do(process, name: str, user, service, **data) -> None:
    """Take the open task ``name`` as ``user`` and do it through its workflow service."""
    node = getattr(FundingApplicationFlow, name)
    task = Task.objects.get(process=process, flow_task=node, status=STATUS.NEW)
    with task_take(task=task, acting_user=user) as activation:
        service(activation=activation, acting_user=user, **data)


class Walk:
    def __init__(self, people: dict, organisation: Organisation):
        self.people, self.organisation = people, organisation
        self.process = self.application = None

    def draft(self, title: str, programme: FundingProgramme, amount: str) -> FundingApplication:
        member, today = self.people["member"], timezone.localdate()
        application = services.application_create(
            programme=programme,
            organisation=self.organisation,
            acting_user=member,
            title=PREFIX + title,
        )
        application = services.application_update(
            application=application,
            acting_user=member,
            purpose=f"{title}: en aktivitet för barn och unga, öppen och avgiftsfri.",
            target_group="Barn och unga 10–15 år",
            activity_start=today + timedelta(days=30),
            activity_end=today + timedelta(days=60),
            participants=40,
            amount_applied=Decimal(amount),
            total_cost=Decimal(amount) * 2,
        )
        for requirement in programme.required_attachments.all():
            services.attachment_add(
                application=application,
                acting_user=member,
                kind=requirement.kind,
                upload=_pdf(ATTACHMENTS.get(requirement.kind, "bilaga.pdf")),
            )
        self.application = application
        return application

    def refresh(self) -> FundingApplication:
        self.application = FundingApplication.objects.get(pk=self.application.pk)
        return self.application

    def submit(self) -> None:
        application = flow_services.application_submit(
            application=self.application, acting_user=self.people["member"]
        )
        self.process = FundingProcess.objects.get(
            flow_class=FundingApplicationFlow, artifact_object_id=application.pk
        )

    def ask_for_supplement(self) -> None:
        _do(
            self.process,
            "check_complete",
            self.people["officer"],
            flow_services.completeness_check,
            complete=False,
            message="Bifoga en budget där föreningens egen insats syns.",
            due_on=timezone.localdate() + timedelta(days=14),
        )

    def mark_complete(self) -> None:
        _do(
            self.process,
            "check_complete",
            self.people["officer"],
            flow_services.completeness_check,
            complete=True,
        )

    def assess(self, outcome: str = Outcome.APPROVED) -> None:
        application = self.refresh()
        rejected = outcome == Outcome.REJECTED
        _do(
            self.process,
            "assess",
            self.people["officer"],
            flow_services.assessment_record,
            no_conflict_of_interest=True,
            proposed_outcome=outcome,
            proposed_amount=Decimal(0) if rejected else application.amount_applied,
            summary="Lokalen används inte för verksamhet för barn och unga."
            if rejected
            else "Väl förankrat hos målgruppen.",
            scores={
                criterion.pk: (1 if rejected else 4, "")
                for criterion in application.programme.criteria.all()
            },
        )

    def decide(self, outcome: str = Outcome.APPROVED) -> None:
        rejected = outcome == Outcome.REJECTED
        _do(
            self.process,
            "decide_as_delegate",
            self.people["delegate"],
            flow_services.decision_record,
            no_conflict_of_interest=True,
            outcome=outcome,
            amount_granted=Decimal(0) if rejected else self.refresh().amount_applied,
            reasons="Ansökan uppfyller inte programmets villkor."
            if rejected
            else "Bedömningen visar att villkoren är uppfyllda.",
        )

    def write_memo(self) -> None:
        _do(
            self.process,
            "write_board_memo",
            self.people["officer"],
            flow_services.board_memo_write,
            summary="Föreningen söker utvecklingsbidrag över delegationens gräns.",
            proposal=memos.proposal_for(self.refresh()),
            meeting_date=timezone.localdate() + timedelta(days=21),
        )

    def pay(self, amount: Decimal | None = None) -> None:
        _do(
            self.process,
            "pay",
            self.people["officer"],
            flow_services.payout_record,
            amount=amount or self.refresh().decision.amount_granted,
            paid_on=timezone.localdate(),
        )

    def report_back(self, used: Decimal | None = None) -> None:
        _do(
            self.process,
            "report_back",
            self.people["member"],
            flow_services.report_back_submit,
            description="Aktiviteten genomfördes med 38 deltagare.",
            amount_used=used if used is not None else self.refresh().decision.amount_granted,
            attachments=[_pdf("kvitton.pdf")],
        )

    def review(self, review: str, **kwargs) -> None:
        _do(
            self.process,
            "review_report",
            self.people["officer"],
            flow_services.report_back_review,
            review=review,
            **kwargs,
        )


def _walk_to(walk: Walk, state: str) -> None:
    steps = {
        "submitted": [walk.submit],
        "supplement_requested": [walk.submit, walk.ask_for_supplement],
        "in_assessment": [walk.submit, walk.mark_complete],
        "board_decision": [walk.submit, walk.mark_complete, walk.assess, walk.write_memo],
        "granted": [walk.submit, walk.mark_complete, walk.assess, walk.decide],
        "rejected": [
            walk.submit,
            walk.mark_complete,
            lambda: walk.assess(Outcome.REJECTED),
            lambda: walk.decide(Outcome.REJECTED),
        ],
    }
    paid = [walk.submit, walk.mark_complete, walk.assess, walk.decide, walk.pay]
    steps.update(
        {
            "paid": paid,
            "report_overdue": [*paid, lambda: _overdue(walk.refresh())],
            "reported": [*paid, walk.report_back],
            "more_report_requested": [
                *paid,
                walk.report_back,
                lambda: walk.review("more_requested", note="Bifoga deltagarlistan."),
            ],
            "approved": [*paid, walk.report_back, lambda: walk.review("approved")],
            "repayment_claimed": [
                *paid,
                lambda: walk.report_back(Decimal("30000")),
                lambda: walk.review(
                    "repayment", note="12 000 kr användes inte.", repayment_amount=Decimal("12000")
                ),
            ],
        }
    )
    for step in steps.get(state, []):
        step()


def _overdue(application: FundingApplication) -> None:
    # Demo only: the service always gives time to report; this one let it pass.
    Deadline.objects.filter(
        case=application.case, kind=Deadline.Kind.REPORT_BACK, met_at__isnull=True
    ).update(due_on=timezone.localdate() - timedelta(days=5))


def load(out) -> None:
    """Make the demo applications once (demo mode only; after the programmes and the demo
    accounts); loading again adds nothing."""
    if not User.objects.filter(username="raddabarnen").exists():
        raise CommandError("The demo applications need the demo accounts: load those first.")
    if FundingApplication.objects.filter(title__startswith=PREFIX).exists():
        out.write("The demo applications are there already.")
        return
    delegations.load(out)  # the deciders hold their points before they decide
    people = {
        "member": User.objects.get(username="raddabarnen"),
        "officer": User.objects.get(username="handlaggare"),
        "delegate": User.objects.get(username="delegat"),
    }
    organisation = Organisation.objects.get(name="Rädda Barnen")
    for title, slug, amount, state in APPLICATIONS:
        walk = Walk(people, organisation)
        walk.draft(title, FundingProgramme.objects.get(slug=slug), amount)
        _walk_to(walk, state)
        out.write(f"{walk.refresh().status:20} {title}")
    out.write(f"{len(APPLICATIONS)} demo applications made.")
