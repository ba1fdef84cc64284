"""What each document kind is rendered from: plain data, filled by the domain apps.

The IOP and funding apps build one of the ``*Context`` classes from their models and hand it
to ``documents.services.document_request``. The context is stored with the document record as
JSON (``to_data``) so that a version can be rendered again in the background and previewed
exactly as requested (``from_data``). Texts are plain text; a blank line starts a new
paragraph. Amounts are ``Decimal`` kronor. Swedish labels live in the templates, not here.
"""

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from common.periods import total_for_period, years_in


@dataclass
class Person:
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class OrganisationRef:
    """An organisation as it is named in a document."""

    name: str
    org_number: str = ""
    address: str = ""


# IOP agreement ---------------------------------------------------------------------------


class ContributionKind(StrEnum):
    MONEY = "money"
    PREMISES = "premises"
    STAFF_HOURS = "staff_hours"
    IN_KIND = "in_kind"


@dataclass
class Signatory:
    name: str
    title: str = ""
    authority: str = ""  # what gives the right to sign: the decision, or the approved evidence


@dataclass
class AgreementParty:
    """A party as a legal person; the municipality names the boards that decided and act for
    it (``acting_through``, as written in running text: "fritidsnämnden")."""

    name: str
    org_number: str
    is_public: bool
    acting_through: list[str] = field(default_factory=list)
    address: str = ""
    contact: Person | None = None
    signatories: list[Signatory] = field(default_factory=list)


@dataclass
class Indicator:
    name: str
    target: str = ""
    method: str = ""


@dataclass
class Goal:
    title: str
    description: str = ""
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Contribution:
    """One party's contribution: ``value`` is its worth in kronor per year, from
    ``period_start`` to ``period_end`` (the agreement's period when not given); ``total`` is
    what it comes to over that period."""

    party: str
    kind: ContributionKind
    description: str
    value: Decimal
    hours: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None

    @property
    def total(self) -> Decimal:
        return total_for_period(self.value, self.period_start, self.period_end)


@dataclass
class GroupMember:
    name: str
    party: str
    role: str = ""


@dataclass
class Governance:
    steering_group: list[GroupMember] = field(default_factory=list)
    working_group: list[GroupMember] = field(default_factory=list)
    responsibilities: str = ""
    meetings: str = ""


@dataclass
class Milestone:
    due: date
    description: str
    responsible: str = ""


class PersonalDataRole(StrEnum):
    JOINT_CONTROLLERSHIP = "joint_controllership"  # GDPR art. 26
    PROCESSOR = "processor"  # a processor agreement (art. 28) is attached
    SEPARATE_CONTROLLERS = "separate_controllers"  # each party controls its own processing
    NONE = "none"  # no personal data is processed in the partnership


@dataclass
class BudgetRow:
    """A party's (or all parties') contributions: ``amounts`` per kind and ``total`` per year,
    ``period_total`` over the whole period."""

    party: str
    amounts: dict[str, Decimal]
    total: Decimal
    period_total: Decimal = Decimal(0)


@dataclass
class AidAmount:
    """The aid one organisation receives under the agreement, for its whole period."""

    organisation: str
    amount_sek: Decimal


@dataclass
class StateAid:
    """The state-aid route of the agreement, as the legal assessment chose it: for de minimis
    aid the decision and the agreement say so, with the regulation and the amount."""

    route: str  # partnerships.models.AidRoute
    regulation: str
    is_de_minimis: bool
    amounts: list[AidAmount] = field(default_factory=list)
    basis: str = ""


@dataclass
class AgreementContext:
    case_number: str
    document_date: date
    title: str
    parties: list[AgreementParty]
    background: str
    values: str
    purpose: str
    goals: list[Goal]
    contributions: list[Contribution]
    governance: Governance
    period_start: date
    period_end: date
    notice_months: int
    notice_terms: str = ""
    finances: str = ""
    follow_up: str = ""
    milestones: list[Milestone] = field(default_factory=list)
    amendments: str = ""
    renegotiation: str = ""
    rescission: str = ""
    disputes: str = ""
    personal_data_role: PersonalDataRole = PersonalDataRole.NONE
    personal_data_terms: str = ""
    attachments: list[str] = field(default_factory=list)
    signing_place: str = ""
    state_aid: StateAid | None = None

    def __post_init__(self):
        # A contribution without a period of its own runs for the whole agreement.
        for contribution in self.contributions:
            contribution.period_start = contribution.period_start or self.period_start
            contribution.period_end = contribution.period_end or self.period_end

    @property
    def years(self) -> Decimal:
        """The agreement's length in years (6 for 1 October 2021 to 30 September 2027)."""
        return years_in(self.period_start, self.period_end)

    def contributions_of(self, party: str) -> list[Contribution]:
        return [c for c in self.contributions if c.party == party]

    @property
    def parties_with_contributions(self) -> list[tuple[AgreementParty, list[Contribution]]]:
        return [(party, self.contributions_of(party.name)) for party in self.parties]

    @property
    def budget_rows(self) -> list[BudgetRow]:
        """Each party's contributions summed per kind, in the order the parties are listed."""
        return [
            _budget_row(party.name, self.contributions_of(party.name)) for party in self.parties
        ]

    @property
    def budget_totals(self) -> BudgetRow:
        return _budget_row("", self.contributions)


def _budget_row(party: str, contributions: list[Contribution]) -> BudgetRow:
    amounts = {kind.value: Decimal(0) for kind in ContributionKind}
    for contribution in contributions:
        amounts[contribution.kind] += contribution.value
    return BudgetRow(
        party,
        amounts,
        sum(amounts.values(), Decimal(0)),
        sum((c.total for c in contributions), Decimal(0)),
    )


# Tjänsteskrivelse (memo to a board) ----------------------------------------------------------


@dataclass
class PlanningStep:
    """One meeting on the way to the decision, e.g. the working committee, then the board.
    Without a date the body has no meeting planned yet (its calendar is not set)."""

    body: str
    meeting_date: date | None


@dataclass
class TextSection:
    heading: str
    text: str


@dataclass
class LegalSummary:
    """What the legal assessment found, for the memo's Ärendet (rendered by
    ``_state_aid_summary.html`` for the state-aid part). ``aid_total`` is the money the public
    parties give the idea-based parties over the period, the aid the memo proposes."""

    procurement: bool
    procurement_reasoning: str
    state_aid: bool
    state_aid_reasoning: str
    is_sgei: bool
    personal_data: str
    conclusion_reasoning: str
    aid_total: Decimal = Decimal(0)
    aid_per_year: Decimal = Decimal(0)


@dataclass
class EconomyRow:
    """One party's contributions in the memo's economic consequences: per year and in total.
    ``is_city``: a party of the municipality (a board's administration), whose money the
    boards decide on; another public body (a university) is not."""

    party: str
    per_year: Decimal
    total: Decimal
    is_city: bool = True
    is_idea_based: bool = False


@dataclass
class MemoContext:
    case_number: str
    document_date: date
    title: str
    administration: str
    officer: Person
    summary: str
    proposal_intro: str
    proposals: list[str]
    decision_basis: list[str]
    planning: list[PlanningStep]
    sections: list[TextSection]
    responsible: list[Person]
    distribution: list[str]
    # One "[the administration] föreslår [the board] besluta" a board, when not one intro.
    proposal_intros: list[str] = field(default_factory=list)
    legal: LegalSummary | None = None
    economy: list[EconomyRow] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None

    @property
    def economy_per_year(self) -> Decimal:
        return sum((row.per_year for row in self.economy if row.is_city), Decimal(0))

    @property
    def economy_total(self) -> Decimal:
        return sum((row.total for row in self.economy if row.is_city), Decimal(0))

    state_aid: StateAid | None = None


# Decision letter ------------------------------------------------------------------------------


class Outcome(StrEnum):
    APPROVED = "approved"
    PARTLY_APPROVED = "partly_approved"
    REJECTED = "rejected"


class Authority(StrEnum):
    DELEGATION = "delegation"  # decided by an officer under the board's delegation order
    BOARD = "board"  # decided by the board itself at a meeting


class AppealRoute(StrEnum):
    LEGALITY_REVIEW = "legality_review"  # laglighetsprövning, kommunallagen 13 kap.
    ADMINISTRATIVE_APPEAL = (
        "administrative_appeal"  # förvaltningsbesvär, förvaltningslagen 40-45 §§
    )


@dataclass
class DecisionMaker:
    """Who decided: the board at a meeting (``meeting_date``, ``protocol_paragraph``; the letter
    is signed for the board by ``signed_by``, its secretary), or a delegate (``name``,
    ``title``) under ``delegation_point`` of the board's (``body``) delegation order."""

    name: str
    title: str
    authority: Authority
    body: str
    delegation_point: str = ""
    meeting_date: date | None = None
    protocol_paragraph: str = ""
    signed_by: Person | None = None


@dataclass
class Appeal:
    """How the decision is appealed. For laglighetsprövning the appeal goes to ``court`` at
    ``court_address`` within three weeks of the day the approval of the protocol of
    ``meeting_date`` (the meeting that decided, or the one a delegated decision was reported
    to) was announced on the notice board (``announced_on``, found at ``notice_board``);
    ``ends_on`` is the last day once it is known. ``send_to`` is where a förvaltningsbesvär is
    lodged (the deciding authority)."""

    route: AppealRoute
    court: str
    send_to: str
    announced_on: date | None = None
    court_address: str = ""
    notice_board: str = ""
    meeting_date: date | None = None
    protocol_paragraph: str = ""
    ends_on: date | None = None


@dataclass
class DecisionContext:
    case_number: str
    document_date: date
    subject: str
    recipient: OrganisationRef
    outcome: Outcome
    decision: str
    reasons: str
    decided_by: DecisionMaker
    appeal: Appeal
    amount_applied: Decimal | None = None
    amount_granted: Decimal | None = None
    conditions: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    officer: Person | None = None
    # The administration that handles the case, with its postal address, for questions.
    office: OrganisationRef | None = None
    # The programme's rules applied, each "punkt N" of ``rules_title``.
    rules_title: str = ""
    rules: list[str] = field(default_factory=list)


# Repayment claim (återkrav) and the special decision on a demand (FL 12 §) ------------------


@dataclass
class Payment:
    """How to pay a claim: the city's account (empty: an invoice follows) and the reference."""

    due_on: date
    account: str = ""
    reference: str = ""


@dataclass
class RepaymentClaimContext:
    """A decision that the organisation pays back a grant, with its reasons and how to pay."""

    case_number: str
    document_date: date
    subject: str
    recipient: OrganisationRef
    decision: str
    ground: str
    reasons: str
    amount: Decimal
    amount_paid_out: Decimal
    payment: Payment
    decided_by: DecisionMaker
    appeal: Appeal
    legal_basis: list[str] = field(default_factory=list)
    officer: Person | None = None


@dataclass
class DemandRejectionContext:
    """A special decision rejecting a party's demand for a decision (förvaltningslagen 12 §).

    Its appeal route is the one 12 § gives it (the party appeals, to the court that would hear
    an appeal of the decision in the case), not necessarily the main decision's. ``appeal`` is
    set where the decision in the case is appealed by laglighetsprövning and the special
    decision the same way (an IOP inquiry); the letter then states that route instead."""

    case_number: str
    document_date: date
    subject: str
    recipient: OrganisationRef
    demanded_on: date
    decision: str
    reasons: str
    decided_by: DecisionMaker
    court: str
    send_to: str
    officer: Person | None = None
    appeal: Appeal | None = None


# Submission receipt ---------------------------------------------------------------------------


@dataclass
class Answer:
    question: str
    answer: str


@dataclass
class AnswerSection:
    heading: str
    answers: list[Answer]


@dataclass
class AttachmentRef:
    name: str
    size: int
    sha256: str
    description: str = ""


@dataclass
class OtherFunding:
    source: str
    amount: Decimal
    status: str


@dataclass
class ReceiptContext:
    case_number: str
    document_date: date
    submitted_at: datetime
    programme: str
    applicant: OrganisationRef
    submitted_by: Person
    sections: list[AnswerSection]
    attachments: list[AttachmentRef]
    amount_applied: Decimal | None = None
    other_funding: list[OtherFunding] = field(default_factory=list)
    declaration: str = ""


# Storage as JSON ------------------------------------------------------------------------------


def to_data(context) -> dict:
    """The context as JSON-ready data (dates, datetimes and decimals become strings)."""
    return dataclasses.asdict(context)


def from_data(cls, data: dict):
    """Rebuild a context of ``cls`` from what ``to_data`` produced and JSON stored."""
    hints = typing.get_type_hints(cls)
    return cls(
        **{
            f.name: _convert(hints[f.name], data[f.name])
            for f in dataclasses.fields(cls)
            if f.name in data
        }
    )


def _convert(annotation, value):
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(annotation) if a is not type(None))
        return _convert(inner, value)
    if origin is list:
        return [_convert(typing.get_args(annotation)[0], item) for item in value]
    if origin is dict:
        return {key: _convert(typing.get_args(annotation)[1], v) for key, v in value.items()}
    if dataclasses.is_dataclass(annotation):
        return from_data(annotation, value)
    if annotation is datetime:
        return datetime.fromisoformat(value)
    if annotation is date:
        return date.fromisoformat(value)
    if (
        annotation in (Decimal, int)
        or isinstance(annotation, type)
        and issubclass(annotation, StrEnum)
    ):
        return annotation(value)
    return value


# Annual report of the collaboration -----------------------------------------------------------


@dataclass
class Bar:
    """One bar of a chart: its label, the figure written beside it and its length (0–1)."""

    label: str
    text: str
    share: float


@dataclass
class AgreementSummary:
    case_number: str
    title: str
    challenge_area: str
    parties: list[str]
    period_start: date | None = None
    period_end: date | None = None
    signed_on: date | None = None
    signed_this_year: bool = False
    ended_this_year: bool = False


@dataclass
class FundingRow:
    """Applications submitted in the year, grouped by programme, board or challenge area."""

    name: str
    applications: int
    decided: int
    granted: int
    amount_applied: Decimal
    amount_granted: Decimal
    amount_paid: Decimal
    approval_rate: float | None = None  # per cent of the decided applications


@dataclass
class HandlingTime:
    """Days from registration (for an application: its submission) to decision."""

    kind: str  # casework.Case.Kind
    label: str
    decisions: int
    median_days: float | None = None
    p90_days: float | None = None


@dataclass
class Tally:
    label: str
    count: int


@dataclass
class InitiativeLine:
    title: str
    challenge_area: str
    came_from: str  # the dialogue it came from, if any
    became: str  # "iop" (an IOP proposal), "grant" (a funding application) or ""
    reference: str  # the case number of what it became
    agreed: bool  # the IOP agreement is signed, or the application granted


@dataclass
class AreaReport:
    """One challenge area's year: its dialogues and initiatives, and its hosts' report."""

    challenge_area: str
    hosts: str
    dialogues: int
    participants: int
    initiatives: int
    reports: list[TextSection] = field(default_factory=list)


@dataclass
class CooperationContext:
    """The cooperation half of the yearly report (cooperation.selectors.yearly_report)."""

    dialogues_held: int
    dialogues_by_kind: list[Tally]
    participants: int
    participants_by_sector: list[Tally]
    matches_confirmed: int
    initiatives_started: int
    initiatives_to_agreements: int
    initiatives_to_grants: int
    initiatives: list[InitiativeLine]
    areas: list[AreaReport]
    training_sessions: int
    training_organisations: int
    sector_author: str
    sector_sections: list[TextSection] = field(default_factory=list)


@dataclass
class AnnualReportContext:
    """The year's collaboration in figures and words. ``case_number`` is empty: a yearly report
    belongs to no case."""

    case_number: str
    document_date: date
    year: int
    counted_until: date
    priority_theme: str
    priority_theme_description: str
    iop_started: int
    iop_screened_out: int
    iop_in_investigation: int
    investigation_median_days: float | None
    investigation_longest_days: float | None
    agreements_signed: int
    agreements_active: int
    agreements_ended: int
    agreements: list[AgreementSummary]
    funding_by_programme: list[FundingRow]
    funding_by_board: list[FundingRow]
    funding_by_area: list[FundingRow]
    funding_total: FundingRow
    handling_times: list[HandlingTime]
    past_six_months: int
    report_backs_due: int
    report_backs_late: int
    report_backs_overdue_now: int
    repayment_claims: int
    repayment_amount: Decimal
    narrative: list[TextSection] = field(default_factory=list)
    iop_chart: list[Bar] = field(default_factory=list)
    programme_chart: list[Bar] = field(default_factory=list)
    area_chart: list[Bar] = field(default_factory=list)
    cooperation: CooperationContext | None = None


@dataclass
class MappingLine:
    organisation: str
    board: str
    agreements: str  # the agreements' case numbers
    grants: int
    amount_granted: Decimal


@dataclass
class AnnualReportMemoContext:
    """The memo to the executive board on the joint yearly report (seed 003): the working
    committee proposes that the board approve the report and the attached mapping and send
    both to every board. Belongs to no case, like the report."""

    case_number: str
    document_date: date
    year: int
    meeting_date: date | None
    distribution: list[str]
    iop_started: int
    agreements_active: int
    applications: int
    granted: int
    amount_granted: Decimal
    cooperation: CooperationContext
    mapping: list[MappingLine] = field(default_factory=list)


# List of delegated decisions (anmälan av delegationsbeslut) -----------------------------------


@dataclass
class DelegatedDecision:
    case_number: str
    decided_on: date
    subject: str
    recipient: str
    decision: str
    amount_granted: Decimal
    decided_by: str
    delegation_point: str = ""


@dataclass
class DelegationListContext:
    """Decisions taken under delegation, reported at the board's meeting. The list belongs to
    no case: ``case_number`` is its reference (the board's code and the meeting date). For a
    past meeting it lists what was reported there, under ``protocol_paragraph``; once the
    protocol's approval was announced (``announced_on``) the time to appeal ends on
    ``appeal_ends_on``."""

    case_number: str
    document_date: date
    board: str
    administration: str
    meeting_date: date | None
    decisions: list[DelegatedDecision]
    protocol_paragraph: str = ""
    announced_on: date | None = None
    appeal_ends_on: date | None = None


# Host assignment of a challenge area (uppdrag om värdskap) ------------------------------------


@dataclass
class HostPerson:
    name: str
    organisation: str


@dataclass
class HostAssignmentContext:
    """The assignment of a challenge area's hosts, agreed between the city and the idea-based
    host's organisation. ``case_number`` is the case it is registered in (a pair recorded
    before the assignment was stored had a reference of its own until it was registered)."""

    case_number: str
    document_date: date
    area: str
    area_description: str
    parties: list[AgreementParty]
    host_administration: str
    assignment: str
    period_start: date
    period_end: date
    hosts: list[HostPerson] = field(default_factory=list)
    organisation_contribution: str = ""
    city_contribution: str = ""
    priority_theme: str = ""
