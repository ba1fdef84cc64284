"""Funding programmes as configuration: what an administrator sets up, and cases point to.

Different programmes behave differently (who decides, which evidence and attachments are
needed, how they are assessed) through these records, without code changes.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.series import series_for
from common import limits
from organisations.models import Board, EligibilityEvidence, Organisation

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class AttachmentKind(models.TextChoices):
    BUDGET = "budget", _("Budget for the activity")
    ACTIVITY_PLAN = "activity_plan", _("Activity plan")
    IDEA_WORKSHOP = "idea_workshop", _("Certificate of attending an idea workshop")
    COST_BASIS = "cost_basis", _("Costs of the premises (lease, invoices)")
    ANNUAL_REPORT = "annual_report", _("Latest annual report")
    OTHER = "other", _("Other attachment")


class FundingProgramme(models.Model):
    """A grant programme of a board (bidragsprogram), with its budget and rules."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="programmes"
    )
    description = limits.BoundedTextField(_("description"), blank=True, max_length=limits.ANSWER)
    budget = models.DecimalField(_("budget"), **MONEY)
    budget_remaining = models.DecimalField(
        _("remaining budget"),
        **MONEY,
        help_text=_("What is left after grants decided; kept by the decision service."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day to submit."))
    max_amount = models.DecimalField(_("maximum amount per application"), **MONEY)
    min_members = models.PositiveIntegerField(
        _("minimum number of members"),
        default=0,
        help_text=_("Read from the organisation's evidence of its number of members."),
    )
    open_to_kinds = models.JSONField(
        _("kinds of organisation that may apply"),
        default=list,
        blank=True,
        help_text=_("Empty: every idea-based kind."),
    )
    report_back_days = models.PositiveIntegerField(
        _("report-back due, days after the activity ends"), default=60
    )
    publish_in_register = models.BooleanField(
        _("grants are published in the public register"),
        default=False,
        help_text=_("Opt-in: grants of this programme are listed publicly."),
    )
    # No longer read: a board registers its cases in its own series (casework.series). Kept
    # so that the register import's column and old rows keep their meaning.
    case_series = models.CharField(
        _("case number series"),
        max_length=10,
        blank=True,
        editable=False,
        help_text=_("Not used: cases are numbered in the board's series."),
    )
    matter_of_principle = models.BooleanField(
        _("matters of principle: the board decides"),
        default=False,
        help_text=_(
            "Decisions of principle cannot be delegated (kommunallagen 6 kap. 38 §): every "
            "application of this programme goes to the board."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["board__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_remaining__gte=0), name="programme_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="programme_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._state.adding and self.budget_remaining is None:
            self.budget_remaining = self.budget
        super().save(*args, **kwargs)

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The programme must close after it opens.")})
        if self._state.adding and self.budget_remaining is None:
            self.budget_remaining = self.budget

    @property
    def series(self) -> str:
        """The board's case-number series: the board is the authority that registers."""
        return series_for(self.board)

    def is_open_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.is_active and self.opens_on <= day <= self.closes_on

    @property
    def allowed_kinds(self) -> list[str]:
        return list(self.open_to_kinds) or list(Organisation.IDEA_BASED_KINDS)


class RequiredAttachment(models.Model):
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="required_attachments"
    )
    kind = models.CharField(_("attachment"), max_length=30, choices=AttachmentKind.choices)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="unique_required_attachment")
        ]

    def __str__(self):
        return self.get_kind_display()


class EvidenceRequirement(models.Model):
    """Eligibility evidence that must be on record and unexpired when the application is sent."""

    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="evidence_requirements"
    )
    kind = models.CharField(_("evidence"), max_length=30, choices=EligibilityEvidence.Kind.choices)

    class Meta:
        verbose_name = _("required eligibility evidence")
        verbose_name_plural = _("required eligibility evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind"], name="unique_evidence_requirement"
            )
        ]

    def __str__(self):
        return self.get_kind_display()


class AssessmentCriterion(models.Model):
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterion"), max_length=200)
    description = limits.BoundedTextField(
        _("what the assessor looks for"), blank=True, max_length=limits.TEXT
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Decider(models.TextChoices):
    OFFICER = "officer", _("Officer")
    DELEGATE = "delegate", _("Head of unit (delegate)")
    BOARD = "board", _("The board")


class Matter(models.TextChoices):
    """The kind of matter a point of the delegation order is for (its stored values never
    change: rules made before there were kinds are grant decisions)."""

    GRANT = "grant", _("Decision on a grant application")
    REPAYMENT_CLAIM = "repayment_claim", _("Repayment claim (återkrav)")
    WRITE_OFF = "write_off", _("Writing off a repayment claim")
    DEMAND_REJECTION = "demand_rejection", _("Rejecting a demand for a decision (FL 12 §)")


class DelegationRule(models.Model):
    """Who decides a kind of matter of the programme (a grant application by the amount
    applied for, a repayment claim by the amount claimed, a write-off, a special decision on a
    demand for a decision): one point of one board's delegation order (delegationsordning).
    The board is the programme's: a delegation belongs to the board that gave it, and nobody
    decides under another board's point."""

    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="delegation_rules"
    )
    board = models.ForeignKey(
        Board,
        verbose_name=_("delegating board"),
        on_delete=models.PROTECT,
        related_name="delegation_rules",
        blank=True,
        help_text=_("Empty: the programme's board."),
    )
    matter = models.CharField(
        _("kind of matter"), max_length=30, choices=Matter.choices, default=Matter.GRANT
    )
    up_to_amount = models.DecimalField(
        _("up to and including"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Empty: any amount."),
    )
    decider = models.CharField(_("who decides"), max_length=20, choices=Decider.choices)
    delegation_point = models.CharField(
        _("point in the delegation order"), max_length=50, blank=True
    )

    class Meta:
        verbose_name = _("delegation rule")
        verbose_name_plural = _("delegation rules")
        ordering = ["programme", models.F("up_to_amount").asc(nulls_last=True)]

    def __str__(self):
        limit = self.up_to_amount if self.up_to_amount is not None else "∞"
        return f"≤ {limit}: {self.get_decider_display()}"

    def save(self, *args, **kwargs):
        if self.board_id is None and self.programme_id:
            self.board_id = self.programme.board_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.board_id is None and self.programme_id:
            self.board_id = self.programme.board_id
        if self.programme_id and self.board_id != self.programme.board_id:
            raise ValidationError(
                {"board": _("A delegation belongs to the programme's board, which gave it.")}
            )
        if self.decider != Decider.BOARD and not (self.delegation_point or "").strip():
            raise ValidationError(
                {"delegation_point": _("Name the point of the delegation order.")}
            )
