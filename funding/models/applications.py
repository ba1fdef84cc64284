"""Applications for a grant, what the applicant declares and attaches.

An application is a draft of its organisation until it is submitted; submission registers
its case (``case`` stays empty before). Its status changes only through the transitions
below, which ``funding.services`` apply with ``casework.transitions.apply``; the field is
protected, so nothing else can set it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from casework.models import Case, ChallengeArea
from casework.transitions import ProtectedStatus
from common import limits
from organisations.models import Board, Organisation

from .programmes import MONEY, AttachmentKind, FundingProgramme


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, completeness check")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    IN_ASSESSMENT = "in_assessment", _("Being assessed")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    # Paid in full, and the first report-back is due.
    PAID = "paid", _("Paid, report-back due")
    REPORTED = "reported", _("Report-back submitted")
    # The officer sent the report-back back: the association completes it.
    MORE_REPORT_REQUESTED = "more_report_requested", _("Report-back to be completed")
    CLOSED = "closed", _("Closed")
    REPAYMENT_CLAIMED = "repayment_claimed", _("Repayment claimed")


EDITABLE = (Status.DRAFT, Status.SUPPLEMENT_REQUESTED)


class FundingApplication(ProtectedStatus, models.Model):
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )
    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="funding_application",
    )
    status = FSMField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, protected=True
    )
    title = models.CharField(_("name of the activity"), max_length=200)
    purpose = limits.BoundedTextField(
        _("what you want to do and why"), blank=True, max_length=limits.ANSWER
    )
    target_group = models.CharField(_("who the activity is for"), max_length=300, blank=True)
    challenge_area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    activity_start = models.DateField(_("activity starts"), null=True, blank=True)
    activity_end = models.DateField(_("activity ends"), null=True, blank=True)
    participants = models.PositiveIntegerField(
        _("expected number of participants"), null=True, blank=True
    )
    amount_applied = models.DecimalField(_("amount applied for"), **MONEY, null=True, blank=True)
    total_cost = models.DecimalField(
        _("total cost of the activity"), **MONEY, null=True, blank=True
    )
    matter_of_principle = models.BooleanField(
        _("a matter of principle: the board decides"),
        default=False,
        help_text=_("Kommunallagen 6 kap. 38 §: a matter of principle is never delegated."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    receipt = models.JSONField(
        _("receipt"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Exactly what was submitted, as the receipt shows it."),
    )

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["organisation", "-updated_at"]),
            models.Index(fields=["programme", "status"]),
        ]

    def __str__(self):
        prefix = self.case.case_number if self.case_id else _("Draft")
        return f"{prefix} {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def board(self) -> Board:
        return self.programme.board

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    # Transitions: applied by funding.services only, which record each in the audit log.

    @transition(field=status, source=Status.DRAFT, target=Status.SUBMITTED)
    def submit(self):
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.SUPPLEMENT_REQUESTED)
    def request_supplement(self):
        pass

    @transition(field=status, source=Status.SUPPLEMENT_REQUESTED, target=Status.SUBMITTED)
    def resubmit(self):
        pass

    @transition(
        field=status,
        source=[Status.SUBMITTED, Status.SUPPLEMENT_REQUESTED],
        target=Status.IN_ASSESSMENT,
    )
    def mark_complete(self):
        pass

    @transition(field=status, source=Status.IN_ASSESSMENT, target=Status.AWAITING_DECISION)
    def record_assessment(self):
        pass

    @transition(field=status, source=Status.AWAITING_DECISION, target=Status.GRANTED)
    def grant(self):
        pass

    @transition(field=status, source=Status.AWAITING_DECISION, target=Status.REJECTED)
    def reject(self):
        pass

    @transition(field=status, source=Status.GRANTED, target=Status.PAID)
    def complete_payout(self):
        pass

    @transition(
        field=status, source=[Status.PAID, Status.MORE_REPORT_REQUESTED], target=Status.REPORTED
    )
    def submit_report(self):
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.MORE_REPORT_REQUESTED)
    def ask_for_more_report(self):
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.CLOSED)
    def approve_report(self):
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.REPAYMENT_CLAIMED)
    def claim_repayment(self):
        pass

    # No report-back came by its deadline, though the organisation was reminded.
    @transition(
        field=status,
        source=[Status.PAID, Status.MORE_REPORT_REQUESTED],
        target=Status.REPAYMENT_CLAIMED,
    )
    def claim_repayment_unreported(self):
        pass

    # The claim is paid or written off: nothing is left to follow.
    @transition(field=status, source=Status.REPAYMENT_CLAIMED, target=Status.CLOSED)
    def settle_repayment(self):
        pass


class OtherFunding(models.Model):
    """Money applied for or received elsewhere for the same activity, incl. other boards."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied for")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="other_funding"
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    board = models.ForeignKey(
        Board,
        verbose_name=_("board of the city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("When the money comes from another board of the city."),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)

    class Meta:
        verbose_name = _("other funding")
        verbose_name_plural = _("other funding")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.board or self.funder}: {self.amount}"


def _attachment_path(attachment: "Attachment", filename: str) -> str:
    # The stored name is the checksum: nothing the uploader typed reaches the file system.
    return f"funding/{attachment.application_id}/{attachment.sha256}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    return "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


class Attachment(models.Model):
    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Set on files sent with a report-back; empty on the application's own attachments.
    report_back = models.ForeignKey(
        "funding.ReportBack",
        verbose_name=_("report-back"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
