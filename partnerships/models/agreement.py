"""The agreement as it is co-created (every save a version), decided by the boards and signed."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits
from common.periods import total_for_period
from organisations.models import Board, Organisation

from .inquiry import IOPInquiry, Party


class AgreementVersion(models.Model):
    """One saved version of the draft agreement and work plan. Versions are never changed."""

    inquiry = models.ForeignKey(
        IOPInquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="agreement_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    goals = limits.BoundedTextField(_("goals and indicators"), max_length=limits.ANSWER)
    governance = limits.BoundedTextField(
        _("governance: steering group, working group, responsibilities"), max_length=limits.ANSWER
    )
    budget = limits.BoundedTextField(_("budget and finances"), blank=True, max_length=limits.ANSWER)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    notice_months = models.PositiveSmallIntegerField(_("notice (months)"), default=6)
    follow_up = limits.BoundedTextField(_("follow-up"), max_length=limits.ANSWER)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["inquiry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "number"], name="unique_agreement_version")
        ]

    def __str__(self):
        return f"{self.inquiry.case.case_number} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("A saved agreement version is never changed; save a new one.")
        super().save(*args, **kwargs)


class Contribution(models.Model):
    """What one party puts into the partnership: an amount per year over its period.

    Money and valued in-kind contributions (premises, staff) alike are stated per year; the
    total is the yearly amount over the period (``total_sek``). The period is the agreement's
    unless the parties agreed on a shorter one for this contribution. Amounts stored before
    the period was recorded were entered per year too (the form asked for "value per year"),
    so migration 0005 gave them the period of their version and left the amounts unchanged.
    """

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        PREMISES = "premises", _("Premises")
        STAFF_HOURS = "staff_hours", _("Staff hours")
        IN_KIND = "in_kind", _("Other in kind")

    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("agreement version"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
    # The column keeps its name (the API and the ledger read it); it always held a yearly amount.
    amount_sek = models.DecimalField(
        _("amount per year (SEK)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    period_start = models.DateField(_("contribution from"))
    period_end = models.DateField(_("contribution until"))
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("paid to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For money from a public party: the idea-based party that receives it."),
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["version", "party", "pk"]
        indexes = [models.Index(fields=["recipient", "kind"])]

    def __str__(self):
        return f"{self.party}: {self.get_kind_display()} {self.amount_sek} kr/år"

    def save(self, *args, **kwargs):
        # A contribution without a period of its own runs for the whole agreement.
        if self.period_start is None:
            self.period_start = self.version.period_start
        if self.period_end is None:
            self.period_end = self.version.period_end
        super().save(*args, **kwargs)

    @property
    def own_period(self) -> tuple:
        """The period the parties agreed for this contribution, or ``(None, None)`` when it runs
        for the whole agreement: copied into a new version, it then follows that version's."""
        version = self.version
        if (self.period_start, self.period_end) == (version.period_start, version.period_end):
            return (None, None)
        return (self.period_start, self.period_end)

    @property
    def total_sek(self) -> Decimal:
        """The yearly amount over the contribution's whole period."""
        return total_for_period(self.amount_sek, self.period_start, self.period_end)


class DraftReview(models.Model):
    """The organisation's answer to a draft it was sent."""

    class Answer(models.TextChoices):
        AGREED = "agreed", _("We agree to the draft")
        CHANGES = "changes", _("We ask for changes")

    inquiry = models.ForeignKey(IOPInquiry, on_delete=models.CASCADE, related_name="draft_reviews")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    comment = limits.BoundedTextField(_("comment"), blank=True, max_length=limits.TEXT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft review")
        verbose_name_plural = _("draft reviews")
        ordering = ["answered_at", "pk"]

    def __str__(self):
        return f"{self.version}: {self.get_answer_display()}"


class Memo(models.Model):
    """The officer's memo (tjänsteskrivelse) to the boards, one per round of decisions."""

    inquiry = models.ForeignKey(IOPInquiry, on_delete=models.CASCADE, related_name="memos")
    round = models.PositiveSmallIntegerField(_("round"))
    version = models.ForeignKey(
        AgreementVersion, verbose_name=_("agreement version"), on_delete=models.PROTECT
    )
    summary = limits.BoundedTextField(_("summary"), max_length=limits.ANSWER)
    proposal = limits.BoundedTextField(_("proposed decision"), max_length=limits.ANSWER)
    distribution = limits.BoundedTextField(
        _("the decision is sent to"),
        help_text=_("One recipient a line."),
        max_length=limits.SHORT_TEXT,
    )
    boards = models.ManyToManyField(Board, verbose_name=_("deciding boards"), related_name="+")
    document_id = models.BigIntegerField(_("memo document"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["inquiry", "round"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "round"], name="one_memo_per_round")
        ]

    def __str__(self):
        return f"{self.inquiry.case.case_number}: memo {self.round}"


class BoardDecision(models.Model):
    """A board's decision on the memo: approved, rejected or returned for more work."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        RETURNED = "returned", _("Returned for more work")

    inquiry = models.ForeignKey(
        IOPInquiry, on_delete=models.CASCADE, related_name="board_decisions"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    board = models.ForeignKey(Board, verbose_name=_("board"), on_delete=models.PROTECT)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    meeting_date = models.DateField(_("meeting date"))
    protocol_paragraph = models.CharField(_("protocol §"), max_length=20)
    # The board's decision authorises the person who signs the agreement for it; decisions
    # recorded before this was asked name nobody, and the board's secretary signs for those.
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authorised to sign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The person the board authorised to sign the agreement for it."),
    )
    signatory_title = models.CharField(
        _("their title"),
        max_length=100,
        blank=True,
        help_text=_("As it is printed under the signature, for example Förvaltningsdirektör."),
    )
    note = limits.BoundedTextField(_("note"), blank=True, max_length=limits.TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("board decision")
        verbose_name_plural = _("board decisions")
        ordering = ["inquiry", "round", "board__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "round", "board"], name="one_decision_per_board_and_round"
            )
        ]

    def __str__(self):
        return f"{self.board}: {self.get_outcome_display()} ({self.meeting_date})"

    @property
    def reference(self) -> str:
        """The decision as it is cited: board, meeting date and protocol paragraph."""
        return f"{self.board}, {self.meeting_date:%Y-%m-%d} {self.protocol_paragraph}"


class Signature(models.Model):
    """A party's signature of the final agreement version."""

    inquiry = models.ForeignKey(IOPInquiry, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(Party, verbose_name=_("party"), on_delete=models.PROTECT)
    version = models.ForeignKey(
        AgreementVersion, verbose_name=_("agreement version"), on_delete=models.PROTECT
    )
    document_sha256 = models.CharField(
        _("SHA-256 of the signed document"), max_length=64, blank=True
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)
    record = models.OneToOneField(
        "documents.Signing",
        verbose_name=_("signing record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Beside the final PDF: who signed which version, when and how."),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="one_signature_per_party")
        ]

    def __str__(self):
        return f"{self.party}: {self.signed_at:%Y-%m-%d}"
