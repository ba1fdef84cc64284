"""Demo applications in every state, made through the real services and the real flow.

Each application is walked as far as its state by the demo accounts (``raddabarnen`` applies,
``handlaggare`` checks, assesses and pays, ``delegat`` decides, ``fritidsnamnden`` records the
board's decision), exactly as the task pages would: take the task, call the service, finish it.
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
from funding import memos, services
from funding.models import FundingApplication, FundingProgramme
from funding.models.handling import Outcome
from organisations.models import Organisation, User
from workflows.funding.flows import FundingApplicationFlow

Flow = FundingApplicationFlow
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
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n% demo " + name.encode() + b"\n", content_type="application/pdf"
    )


def _do(process, node, user, action=None) -> None:
    """Take the open task of ``node`` as ``user``, do its work and finish it."""
    task = Task.objects.get(process=process, flow_task=node, status=STATUS.NEW)
    with task.activation() as activation:
        activation.assign(user)
        activation.start(None)
        if action is not None:
            action()
        activation.execute()


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
        application = services.application_submit(
            application=self.application, acting_user=self.people["member"]
        )
        self.process = Flow.submit.run(application=application)

    def ask_for_supplement(self) -> None:
        officer = self.people["officer"]
        _do(
            self.process,
            Flow.check_complete,
            officer,
            lambda: services.application_request_supplement(
                application=self.refresh(),
                acting_user=officer,
                message="Bifoga en budget där föreningens egen insats syns.",
                due_on=timezone.localdate() + timedelta(days=14),
            ),
        )

    def mark_complete(self) -> None:
        officer = self.people["officer"]
        _do(
            self.process,
            Flow.check_complete,
            officer,
            lambda: services.application_mark_complete(
                application=self.refresh(), acting_user=officer
            ),
        )

    def assess(self, outcome: str = Outcome.APPROVED) -> None:
        officer, application = self.people["officer"], self.refresh()
        amount = application.amount_applied if outcome != Outcome.REJECTED else Decimal(0)
        scores = {
            criterion.pk: (4 if outcome != Outcome.REJECTED else 1, "")
            for criterion in application.programme.criteria.all()
        }
        _do(
            self.process,
            Flow.assess,
            officer,
            lambda: services.assessment_record(
                application=self.refresh(),
                acting_user=officer,
                no_conflict_of_interest=True,
                proposed_outcome=outcome,
                proposed_amount=amount,
                summary="Väl förankrat hos målgruppen."
                if outcome != Outcome.REJECTED
                else "Lokalen används inte för verksamhet för barn och unga.",
                scores=scores,
            ),
        )

    def decide(self, outcome: str = Outcome.APPROVED) -> None:
        delegate, application = self.people["delegate"], self.refresh()
        amount = application.amount_applied if outcome != Outcome.REJECTED else Decimal(0)
        _do(
            self.process,
            Flow.decide_as_delegate,
            delegate,
            lambda: services.decision_record(
                application=self.refresh(),
                acting_user=delegate,
                outcome=outcome,
                amount_granted=amount,
                reasons="Bedömningen visar att villkoren är uppfyllda."
                if outcome != Outcome.REJECTED
                else "Ansökan uppfyller inte programmets villkor.",
            ),
        )

    def write_memo(self) -> None:
        officer = self.people["officer"]
        _do(
            self.process,
            Flow.write_board_memo,
            officer,
            lambda: services.board_memo_request(
                application=self.refresh(),
                acting_user=officer,
                summary="Föreningen söker utvecklingsbidrag över delegationens gräns.",
                proposal=memos.proposal_for(self.refresh()),
                meeting_date=timezone.localdate() + timedelta(days=21),
            ),
        )

    def pay(self, amount: Decimal | None = None) -> None:
        officer = self.people["officer"]
        _do(
            self.process,
            Flow.pay,
            officer,
            lambda: services.payout_record(
                application=self.refresh(),
                acting_user=officer,
                amount=amount or self.refresh().decision.amount_granted,
                paid_on=timezone.localdate(),
            ),
        )

    def report_back(self, used: Decimal | None = None) -> None:
        member = self.people["member"]
        _do(
            self.process,
            Flow.report_back,
            member,
            lambda: services.report_back_submit(
                application=self.refresh(),
                acting_user=member,
                description="Aktiviteten genomfördes med 38 deltagare.",
                amount_used=used if used is not None else self.refresh().decision.amount_granted,
                attachments=[_pdf("kvitton.pdf")],
            ),
        )

    def review(self, review: str, **kwargs) -> None:
        officer = self.people["officer"]
        _do(
            self.process,
            Flow.review_report,
            officer,
            lambda: services.report_back_review(
                application=self.refresh(), acting_user=officer, review=review, **kwargs
            ),
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
