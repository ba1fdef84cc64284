from django.utils.translation import gettext_lazy as _

from .base import CaseProcess


class FundingProcess(CaseProcess):
    """A funding application's way from submission to decision, payout and report-back."""

    class Meta:
        proxy = True
        verbose_name = _("funding application process")
        verbose_name_plural = _("funding application processes")
