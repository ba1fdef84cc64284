"""An IOP inquiry (IOP-ärende): from a proposal or an assignment to an active partnership.

Its status changes only through the transitions below, which ``partnerships.services`` apply
with ``casework.transitions.apply``, recording each change in the case's audit log; the field is
protected, so nothing else can set it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from casework.models import Case
from casework.transitions import ProtectedStatus
from common import limits
from organisations.models import Board, Organisation


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered, awaiting screening")
    NOT_IOP = "not_iop", _("Closed: not an IOP")
    INVESTIGATION = "investigation", _("Under investigation")
    CO_CREATION = "co_creation", _("Co-creation of the agreement")
    MEMO = "memo", _("Memo to the boards being written")
    BOARD_DECISION = "board_decision", _("Awaiting board decisions")
    REVISION = "revision", _("Returned by a board: revise or close")
    SIGNING = "signing", _("Being signed")
    ACTIVE = "active", _("Active partnership")
    ENDED = "ended", _("Agreement ended at its end date")
    TERMINATED = "terminated", _("Agreement terminated")
    WITHDRAWN = "withdrawn", _("Withdrawn by the initiator")
    CLOSED = "closed", _("Closed without agreement")


# Stages from which an inquiry can still be withdrawn or closed without an agreement.
OPEN_STATUSES = [
    Status.REGISTERED,
    Status.INVESTIGATION,
    Status.CO_CREATION,
    Status.MEMO,
    Status.BOARD_DECISION,
    Status.REVISION,
    Status.SIGNING,
]


class IOPInquiry(ProtectedStatus, models.Model):
    """An inquiry into whether, and how, an idea-based public partnership is made."""

    class Initiator(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal from an idea-based organisation")
        ASSIGNMENT = "assignment", _("Assignment from the executive board")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="iop_inquiry"
    )
    initiator = models.CharField(_("initiated by"), max_length=20, choices=Initiator.choices)
    assignment_reference = models.CharField(
        _("decision reference"),
        max_length=200,
        blank=True,
        help_text=_("For an assignment: the executive board's decision (date and §)."),
    )
    purpose = limits.BoundedTextField(_("purpose"), max_length=limits.ANSWER)
    target_group = limits.BoundedTextField(_("target group"), max_length=limits.TEXT)
    public_benefit_goal = limits.BoundedTextField(
        _("common public-benefit goal"), max_length=limits.ANSWER
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.REGISTERED,
        protected=True,
    )
    draft_awaits_review = models.BooleanField(
        _("draft sent to the organisation"), default=False, editable=False
    )
    board_round = models.PositiveSmallIntegerField(
        _("round of board decisions"), default=0, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("IOP inquiry")
        verbose_name_plural = _("IOP inquiries")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return str(self.case)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_active_partnership(self) -> bool:
        return self.status == Status.ACTIVE

    @transition(field=status, source=Status.REGISTERED, target=Status.INVESTIGATION)
    def screen_as_iop(self):
        """Screening found the criteria of an IOP met."""

    @transition(field=status, source=Status.REGISTERED, target=Status.NOT_IOP)
    def screen_as_not_iop(self):
        """Screening found that this is not an IOP; a decision with reasons goes out."""

    @transition(field=status, source=Status.INVESTIGATION, target=Status.CO_CREATION)
    def start_co_creation(self):
        """The investigation supports going on to co-create an agreement."""

    @transition(field=status, source=Status.CO_CREATION, target=Status.MEMO)
    def finish_co_creation(self):
        """The draft agreement is agreed; the memo to the boards is written next."""

    @transition(field=status, source=Status.MEMO, target=Status.BOARD_DECISION)
    def submit_to_boards(self):
        """The memo is done; each public party's board decides."""

    @transition(field=status, source=Status.BOARD_DECISION, target=Status.REVISION)
    def return_from_boards(self):
        """A board rejected or returned the matter."""

    @transition(field=status, source=Status.BOARD_DECISION, target=Status.SIGNING)
    def approve_by_boards(self):
        """Every board approved; the parties sign."""

    @transition(field=status, source=Status.REVISION, target=Status.CO_CREATION)
    def revise(self):
        """The officer revises the agreement after a board's rejection or return."""

    @transition(field=status, source=Status.SIGNING, target=Status.ACTIVE)
    def activate(self):
        """Every party has signed: the agreement is final and the partnership active."""

    @transition(field=status, source=Status.ACTIVE, target=Status.CO_CREATION)
    def amend(self):
        """Before the end date the parties renew or amend: a new version is co-created and goes
        through the memo, the boards and the signatures again; the signed one stays in force."""

    @transition(field=status, source=Status.ACTIVE, target=Status.ENDED)
    def end(self):
        """The agreement's period is over and it was not renewed."""

    @transition(field=status, source=Status.ACTIVE, target=Status.TERMINATED)
    def terminate(self):
        """A party terminated the agreement, with its reason and the agreed notice."""

    @transition(field=status, source=OPEN_STATUSES, target=Status.WITHDRAWN)
    def withdraw(self):
        """The initiator withdraws the inquiry."""

    @transition(field=status, source=OPEN_STATUSES, target=Status.CLOSED)
    def close(self):
        """The officer closes the inquiry without an agreement."""


class Party(models.Model):
    """A party proposed for (and, once signed, bound by) the partnership.

    A party is a legal person. The municipality is one, whichever of its boards act for it:
    each of its rows names one deciding board (and the administration serving it), and the
    agreement names the municipality once, through all of them (``selectors.legal_parties``).
    Every other party (an idea-based organisation, or another public body such as a state
    university or a region) is its organisation, and accepts being a party before the draft
    goes further (``accepted_at``; the initiator's proposal is its acceptance).
    """

    class Side(models.TextChoices):
        PUBLIC = "public", _("Public party")
        IDEA_BASED = "idea_based", _("Idea-based party")

    inquiry = models.ForeignKey(
        IOPInquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    board = models.ForeignKey(
        Board,
        verbose_name=_("deciding board"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a party of the city: the board that decides and signs for it."),
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    proposed_contribution = limits.BoundedTextField(
        _("proposed contribution"), blank=True, max_length=limits.ANSWER
    )
    accepted_at = models.DateTimeField(_("accepted being a party"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for parties of cases already past the draft when acceptance began."),
    )
    left_at = models.DateTimeField(_("left the inquiry"), null=True, blank=True, editable=False)
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("left for the party by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    left_reason = limits.BoundedTextField(
        _("why the party left"), blank=True, editable=False, max_length=limits.TEXT
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["side", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "organisation", "board"], name="unique_party_per_inquiry"
            )
        ]

    def __str__(self):
        return str(self.board or self.organisation)

    @property
    def name(self) -> str:
        return str(self)

    @property
    def is_municipality(self) -> bool:
        """One of the municipality's rows: it decides through its board, and accepts nothing."""
        return self.board_id is not None

    @property
    def awaits_acceptance(self) -> bool:
        return not self.is_municipality and self.accepted_at is None

    @property
    def has_left(self) -> bool:
        return self.left_at is not None
