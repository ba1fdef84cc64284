"""What happens to a submitted application: supplements, assessment, decision, payout and
report-back. Each row is written by one service in ``funding.services`` and never edited
afterwards except where a later step completes it (an answer, a review)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits
from organisations.models import Organisation

from .applications import FundingApplication
from .meetings import BoardMeeting
from .programmes import MONEY, AssessmentCriterion, Decider

USER = settings.AUTH_USER_MODEL


class SupplementRequest(models.Model):
    """The officer asks the organisation to complete its application (komplettering)."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="supplement_requests"
    )
    message = limits.BoundedTextField(_("what is missing"), max_length=limits.TEXT)
    due_on = models.DateField(_("answer by"))
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answer = limits.BoundedTextField(_("answer"), blank=True, max_length=limits.ANSWER)
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    deadline_id = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.due_on}"


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Grant in full")
    PARTLY_APPROVED = "partly_approved", _("Grant in part")
    REJECTED = "rejected", _("Reject")


class Assessment(models.Model):
    application = models.OneToOneField(
        FundingApplication, on_delete=models.PROTECT, related_name="assessment"
    )
    assessor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    no_conflict_of_interest = models.BooleanField(
        _("I have no conflict of interest (jäv) in this case"), default=False
    )
    proposed_outcome = models.CharField(
        _("proposed decision"), max_length=20, choices=Outcome.choices
    )
    proposed_amount = models.DecimalField(_("proposed amount"), **MONEY)
    summary = limits.BoundedTextField(_("assessment"), max_length=limits.ANSWER)
    assessed_at = models.DateTimeField(_("assessed"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.application}: {self.get_proposed_outcome_display()}"

    @property
    def weighted_score(self) -> Decimal | None:
        scores = list(self.scores.select_related("criterion"))
        weights = sum(score.criterion.weight for score in scores)
        if not weights:
            return None
        total = sum(score.score * score.criterion.weight for score in scores)
        return (Decimal(total) / Decimal(weights)).quantize(Decimal("0.01"))


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (0–5)"), validators=[MaxValueValidator(5)])
    comment = limits.BoundedTextField(_("comment"), blank=True, max_length=limits.TEXT)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class Decision(models.Model):
    application = models.OneToOneField(
        FundingApplication, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    amount_granted = models.DecimalField(_("amount granted"), **MONEY)
    reasons = limits.BoundedTextField(_("reasons"), max_length=limits.ANSWER)
    authority = models.CharField(_("decided by"), max_length=20, choices=Decider.choices)
    delegation_point = models.CharField(
        _("point in the delegation order"), max_length=50, blank=True
    )
    delegating_board = models.ForeignKey(
        "organisations.Board",
        verbose_name=_("delegating board"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a delegated decision: the board whose delegation order was used."),
    )
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    meeting_date = models.DateField(_("board meeting"), null=True, blank=True)
    protocol_paragraph = models.CharField(_("protocol §"), max_length=20, blank=True)
    reported_to_board_on = models.DateField(
        _("reported to the board"),
        null=True,
        blank=True,
        help_text=_("Delegated decisions are reported at the board's next meeting."),
    )
    # The board's meeting that took the decision (a board decision) ...
    meeting = models.ForeignKey(
        BoardMeeting,
        verbose_name=_("board meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    # ... or the one a delegated decision was reported to: its appeal time runs from there.
    reported_at = models.ForeignKey(
        BoardMeeting,
        verbose_name=_("reported at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_decisions",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"

    @property
    def appeal_meeting(self) -> BoardMeeting | None:
        """The meeting whose protocol's announcement starts the time to appeal."""
        return self.meeting if self.authority == Decider.BOARD else self.reported_at


class ConflictDeclaration(models.Model):
    """One person's declaration on conflict of interest (jäv, FL 16–18 §§) in one case.

    Everyone who assesses, decides or records a board decision declares; a person who
    declared a conflict can no longer take the case's assessment or decision tasks.
    """

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="conflict_declarations"
    )
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    task = models.CharField(_("task"), max_length=50)
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    reason = limits.BoundedTextField(_("reason"), blank=True, max_length=limits.TEXT)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("declaration on conflict of interest")
        verbose_name_plural = _("declarations on conflict of interest")
        ordering = ["declared_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.person}"


class Payout(models.Model):
    """One tranche paid to the organisation's verified bankgiro or plusgiro."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="payouts"
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    giro_kind = models.CharField(
        _("account kind"), max_length=10, choices=Organisation.GiroKind.choices
    )
    giro_number = models.CharField(_("account number"), max_length=12)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["paid_on", "pk"]

    def __str__(self):
        return f"{self.application}: {self.amount} ({self.paid_on})"


class ReportBack(models.Model):
    class Review(models.TextChoices):
        APPROVED = "approved", _("Approved")
        MORE_REQUESTED = "more_requested", _("More information requested")
        REPAYMENT = "repayment", _("Repayment claimed")

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="report_backs"
    )
    description = limits.BoundedTextField(_("what was done"), max_length=limits.ANSWER)
    amount_used = models.DecimalField(_("money used"), **MONEY)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    review = models.CharField(_("review"), max_length=20, choices=Review.choices, blank=True)
    review_note = limits.BoundedTextField(
        _("note to the organisation"), blank=True, max_length=limits.TEXT
    )
    reviewed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report-back")
        verbose_name_plural = _("report-backs")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.submitted_at:%Y-%m-%d}"


class RepaymentClaim(models.Model):
    """A decision that the organisation pays back (återkrav), followed until paid or written off.

    A claim is made when the report-back shows the money was not used as granted, or when no
    report-back came by its deadline although the organisation was reminded. It is a decision:
    who decided, on what authority, the reasons, the amount and the day it is due; the
    organisation receives it as a letter with how to pay and how to appeal."""

    class Ground(models.TextChoices):
        NOT_USED_AS_GRANTED = "not_used_as_granted", _("The grant was not used as granted")
        NO_REPORT_BACK = "no_report_back", _("No report-back by the deadline")

    class Status(models.TextChoices):
        OPEN = "open", _("Claimed, not yet paid")
        PAID = "paid", _("Paid back")
        WRITTEN_OFF = "written_off", _("Written off")

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="repayment_claims"
    )
    ground = models.CharField(
        _("ground"), max_length=30, choices=Ground.choices, default=Ground.NOT_USED_AS_GRANTED
    )
    amount = models.DecimalField(_("amount to repay"), **MONEY)
    reason = limits.BoundedTextField(_("reasons"), max_length=limits.ANSWER)
    due_on = models.DateField(_("to be paid by"), null=True)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    decider_title = models.CharField(_("title of the decision-maker"), max_length=200, blank=True)
    authority = models.CharField(
        _("on what authority"),
        max_length=300,
        blank=True,
        help_text=_("The point of the board's delegation order, or the board's meeting and §."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    amount_received = models.DecimalField(_("amount received"), **MONEY, default=Decimal(0))
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    settled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    write_off_reason = limits.BoundedTextField(
        _("why the claim was written off"), blank=True, max_length=limits.TEXT
    )
    write_off_authority = models.CharField(
        _("written off on what authority"),
        max_length=300,
        blank=True,
        help_text=_("The point of the board's delegation order the write-off rests on."),
    )

    class Meta:
        verbose_name = _("repayment claim")
        verbose_name_plural = _("repayment claims")
        ordering = ["opened_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.amount}"

    @property
    def outstanding(self) -> Decimal:
        return max(self.amount - self.amount_received, Decimal(0))

    @property
    def case(self):
        return self.application.case


class RepaymentReceipt(models.Model):
    """Money received against a repayment claim."""

    claim = models.ForeignKey(RepaymentClaim, on_delete=models.PROTECT, related_name="receipts")
    amount = models.DecimalField(_("amount"), **MONEY)
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repayment received")
        verbose_name_plural = _("repayments received")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.claim}: {self.amount} ({self.received_on})"
