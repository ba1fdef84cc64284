"""The life of an active agreement: a follow-up every agreement year, the question before the
end date (renew, amend or let it end), and a termination by either party."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Deadline
from common import limits
from organisations.models import Organisation

from .agreement import AgreementVersion
from .inquiry import IOPInquiry, Party


class FollowUp(models.Model):
    """The joint follow-up of one agreement year: the public and the idea-based parties report,
    and the officer records the steering group's conclusions and approval from its minutes."""

    inquiry = models.ForeignKey(
        IOPInquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    version = models.ForeignKey(
        AgreementVersion, verbose_name=_("agreement version"), on_delete=models.PROTECT
    )
    year_start = models.DateField(_("agreement year from"))
    year_end = models.DateField(_("agreement year until"))
    due_on = models.DateField(_("due on"))
    officer_summary = limits.BoundedTextField(
        _("the officer's assessment"), blank=True, max_length=limits.ANSWER
    )
    steering_group_conclusions = limits.BoundedTextField(
        _("the steering group's conclusions"), blank=True, max_length=limits.ANSWER
    )
    minutes_date = models.DateField(
        _("date of the steering group's minutes"), null=True, blank=True
    )
    minutes_reference = models.CharField(
        _("reference to the minutes"),
        max_length=200,
        blank=True,
        help_text=_("For example the minutes' number and paragraph."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["inquiry", "year_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "year_end"], name="one_follow_up_per_agreement_year"
            )
        ]

    def __str__(self):
        return f"{self.inquiry.case.case_number}: {self.year_start} – {self.year_end}"


class FollowUpReport(models.Model):
    """One idea-based party's part of a follow-up, asked for when its task is created."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="reports"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goals_reached = limits.BoundedTextField(
        _("goals and indicators reached"), blank=True, max_length=limits.ANSWER
    )
    contributions_delivered = limits.BoundedTextField(
        _("contributions delivered"), blank=True, max_length=limits.ANSWER
    )
    budget_against_actual = limits.BoundedTextField(
        _("budget against actual"), blank=True, max_length=limits.ANSWER
    )
    reflection = limits.BoundedTextField(
        _("shared reflection"), blank=True, max_length=limits.ANSWER
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["follow_up", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "organisation"], name="one_report_per_party_and_year"
            )
        ]

    def __str__(self):
        return f"{self.follow_up}: {self.organisation}"


class RenewalDecision(models.Model):
    """Before the end date: renew, amend (a new version through the boards again) or end."""

    class Choice(models.TextChoices):
        RENEW = "renew", _("Renew: a new agreement period")
        AMEND = "amend", _("Amend: a new version of the agreement")
        END = "end", _("Let the agreement end on its end date")

    inquiry = models.ForeignKey(
        IOPInquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="renewals"
    )
    version = models.ForeignKey(
        AgreementVersion, verbose_name=_("agreement version"), on_delete=models.PROTECT
    )
    choice = models.CharField(_("decision"), max_length=10, choices=Choice.choices)
    reason = limits.BoundedTextField(_("reason"), max_length=limits.TEXT)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("renewal decision")
        verbose_name_plural = _("renewal decisions")
        ordering = ["inquiry", "decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="one_renewal_decision_per_version")
        ]

    def __str__(self):
        return f"{self.version}: {self.get_choice_display()}"


class Termination(models.Model):
    """A party's termination of the agreement, with its reason and the notice it gives."""

    inquiry = models.OneToOneField(
        IOPInquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="termination"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("terminated by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = limits.BoundedTextField(_("reason"), max_length=limits.TEXT)
    decision_reference = models.CharField(
        _("the party's decision"),
        max_length=200,
        blank=True,
        help_text=_("Who decided to terminate for the party, when and where (date and §)."),
    )
    given_on = models.DateField(_("notice given on"))
    notice_months = models.PositiveSmallIntegerField(_("notice (months)"))
    terminated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")

    def __str__(self):
        return f"{self.inquiry}: {self.given_on}"

    @property
    def ends_on(self):
        """The last day of the agreement: the notice runs from the day it was given."""
        return self.given_on + relativedelta(months=self.notice_months)
