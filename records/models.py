"""Records management: the records schedule, each record's retention, legal holds, disposal
lists and the disposal records that are kept of them (docs/records.md)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from casework.models import Case
from casework.transitions import ProtectedStatus
from common import limits
from organisations.models import Board

from .kinds import RECORD_KINDS, CountedFrom, HoldReason, Outcome, record_kind_label


class RetentionRule(models.Model):
    """One line of a board's records schedule (dokumenthanteringsplan): for a kind of case and
    a kind of record, keep permanently or dispose of after a period counted from an event,
    under a disposal decision (gallringsbeslut).

    A rule applies to records of cases closed on or after ``applies_from``; a change of the
    schedule is a new rule from a later day. A decision that also covers records closed before
    says so (``covers_earlier_records``), and their retention is changed when it is saved."""

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="retention_rules"
    )
    case_kind = models.CharField(_("kind of case"), max_length=30, choices=Case.Kind.choices)
    record_kind = models.CharField(_("kind of record"), max_length=30, choices=RECORD_KINDS)
    outcome = models.CharField(_("what happens"), max_length=10, choices=Outcome.choices)
    period_years = models.PositiveSmallIntegerField(
        _("retention period (years)"),
        null=True,
        blank=True,
        help_text=_("Only when the records are disposed of; 0 means as soon as the event is past."),
    )
    counted_from = models.CharField(
        _("counted from"),
        max_length=20,
        choices=CountedFrom.choices,
        default=CountedFrom.CASE_CLOSED,
    )
    decision_reference = models.CharField(
        _("disposal decision"),
        max_length=200,
        blank=True,
        help_text=_("The decision's reference, for example KS 2025/123 § 45."),
    )
    applies_from = models.DateField(
        _("applies to cases closed from"),
        help_text=_("A change of the schedule applies to records of cases closed after it."),
    )
    covers_earlier_records = models.BooleanField(
        _("the decision also covers records closed before"),
        default=False,
        help_text=_(
            "Only when the new decision says so: records not yet disposed of that were closed "
            "before are given this rule's retention."
        ),
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("records schedule rule")
        verbose_name_plural = _("records schedule")
        ordering = ["board", "case_kind", "record_kind", "-applies_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "case_kind", "record_kind", "applies_from"],
                name="one_rule_per_kind_and_day",
            )
        ]
        permissions = [("manage_records", _("Can manage records and their disposal"))]

    def __str__(self):
        return f"{self.board}: {self.get_case_kind_display()}, {self.record_kind_label}"

    @property
    def record_kind_label(self) -> str:
        return record_kind_label(self.record_kind)

    def clean(self):
        if self.outcome == Outcome.DISPOSE:
            errors = {}
            if self.period_years is None:
                errors["period_years"] = _("Give the period after which the records go.")
            if not self.decision_reference.strip():
                errors["decision_reference"] = _(
                    "Records are disposed of only under a disposal decision: give its reference."
                )
            if errors:
                raise ValidationError(errors)
        elif self.period_years is not None:
            raise ValidationError(
                {"period_years": _("Records kept permanently have no retention period.")}
            )


class Retention(models.Model):
    """What happens to one record of a closed case: kept, or disposed of on a day.

    Set when the case closes, from the rule in force then; the rule's period and decision are
    copied, so that a later change of the schedule does not move it unless a decision says so.
    A record without a rule is kept: nothing is disposed of without a decision."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="retentions"
    )
    record_kind = models.CharField(_("kind of record"), max_length=30, choices=RECORD_KINDS)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    description = models.CharField(_("record"), max_length=300)
    rule = models.ForeignKey(
        RetentionRule,
        verbose_name=_("rule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retentions",
    )
    outcome = models.CharField(_("what happens"), max_length=10, choices=Outcome.choices)
    decision_reference = models.CharField(_("disposal decision"), max_length=200, blank=True)
    counted_from_date = models.DateField(_("counted from"), null=True, blank=True)
    dispose_on = models.DateField(_("may be disposed of from"), null=True, blank=True)
    appraised_at = models.DateTimeField(_("retention set"), auto_now_add=True)
    disposed_at = models.DateTimeField(_("disposed of"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention of a record")
        verbose_name_plural = _("retention of records")
        ordering = ["dispose_on", "case", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"], name="one_retention_per_record"
            )
        ]
        indexes = [
            models.Index(
                fields=["dispose_on"],
                condition=models.Q(outcome="dispose", disposed_at__isnull=True),
                name="retention_awaiting_disposal",
            )
        ]

    def __str__(self):
        return f"{self.case.case_number}: {self.description}"


class LegalHold(models.Model):
    """A hold on a case's records (litigation, an open request for public records, an audit):
    while it stands, nothing of the case is disposed of, due or not."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.CharField(_("reason"), max_length=30, choices=HoldReason.choices)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("The court's case, the request's or the audit's reference; no names."),
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "pk"]

    def __str__(self):
        return f"{self.case.case_number}: {self.get_reason_display()}"


class DisposalList(ProtectedStatus, models.Model):
    """A list of records due for disposal (as Open Archiefbeheer runs it): a records manager
    builds it, another reviews it, and only an approved list is carried out."""

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("Waiting for review")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        EXECUTED = "executed", _("Carried out")

    name = models.CharField(_("name"), max_length=200)
    status = FSMField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.IN_REVIEW,
        protected=True,
    )
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    built_at = models.DateTimeField(_("built"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = limits.BoundedTextField(
        _("reviewer's comment"), max_length=limits.TEXT, blank=True
    )
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("carried out by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    executed_at = models.DateTimeField(_("carried out"), null=True, blank=True)

    class Meta:
        verbose_name = _("disposal list")
        verbose_name_plural = _("disposal lists")
        ordering = ["-built_at", "pk"]

    def __str__(self):
        return self.name

    @transition(field=status, source=Status.IN_REVIEW, target=Status.APPROVED)
    def approve(self):
        """The reviewer, who did not build the list, agrees that every item is due."""

    @transition(field=status, source=Status.IN_REVIEW, target=Status.RETURNED)
    def send_back(self):
        """The reviewer does not agree; the items are free for another list."""

    @transition(field=status, source=Status.APPROVED, target=Status.EXECUTED)
    def complete(self):
        """Every item of every case is disposed of or blocked."""


class DisposalItem(models.Model):
    """One record on a disposal list."""

    class Status(models.TextChoices):
        LISTED = "listed", _("Listed")
        DISPOSED = "disposed", _("Disposed of")
        BLOCKED = "blocked", _("Blocked")

    disposal_list = models.ForeignKey(
        DisposalList,
        verbose_name=_("disposal list"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    retention = models.ForeignKey(
        Retention, verbose_name=_("record"), on_delete=models.PROTECT, related_name="items"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LISTED
    )
    blocked_because = models.CharField(_("blocked because"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("item of a disposal list")
        verbose_name_plural = _("items of disposal lists")
        ordering = ["retention__case__case_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["disposal_list", "retention"], name="a_record_once_per_list"
            )
        ]

    def __str__(self):
        return f"{self.disposal_list}: {self.retention}"


class DisposalRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Disposal records are kept and never changed.")

    def delete(self):
        raise TypeError("Disposal records are kept and never deleted.")


class DisposalRecord(models.Model):
    """That a record was disposed of: what, under which decision, when and by whom. Itself a
    record that is kept; it names the record by kind and id, never by its content."""

    disposal_list = models.ForeignKey(
        DisposalList,
        verbose_name=_("disposal list"),
        on_delete=models.PROTECT,
        related_name="disposal_records",
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="disposal_records"
    )
    record_kind = models.CharField(_("kind of record"), max_length=30, choices=RECORD_KINDS)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    description = models.CharField(_("record"), max_length=300)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    decision_reference = models.CharField(_("disposal decision"), max_length=200)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disposed of by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    disposed_at = models.DateTimeField(_("disposed of"), auto_now_add=True)

    objects = DisposalRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("disposal record")
        verbose_name_plural = _("disposal records")
        ordering = ["disposed_at", "pk"]

    def __str__(self):
        return f"{self.case.case_number}: {self.description}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Disposal records are kept and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Disposal records are kept and never deleted.")
