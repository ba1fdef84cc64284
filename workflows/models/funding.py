from django.utils.translation import gettext_lazy as _

from funding.delegation import route_of
from funding.models import FundingApplication

from .base import CaseProcess


class FundingProcess(CaseProcess):
    """A funding application's way from submission to decision, payout and report-back.

    The branch conditions read the application fresh from the database: a task's service
    has just changed it through its own (locked) copy.
    """

    class Meta:
        proxy = True
        verbose_name = _("funding application process")
        verbose_name_plural = _("funding application processes")

    @property
    def application(self):
        return FundingApplication.objects.select_related("programme__board").get(
            pk=self.artifact_object_id
        )

    @property
    def organisation(self):
        return self.application.organisation

    @property
    def board(self):
        """The board whose programme the application is for; it decides above delegation."""
        return self.application.programme.board

    def _status_is(self, status: str) -> bool:
        return self.application.status == status

    @property
    def is_complete(self) -> bool:
        return self._status_is("in_assessment")

    def _decider(self) -> str:
        return route_of(self.application).decider

    @property
    def decided_by_officer(self) -> bool:
        return self._decider() == "officer"

    @property
    def decided_by_delegate(self) -> bool:
        return self._decider() == "delegate"

    @property
    def is_granted(self) -> bool:
        return self._status_is("granted")

    @property
    def is_paid_in_full(self) -> bool:
        return self._status_is("paid")

    @property
    def needs_more_report(self) -> bool:
        return self._status_is("paid")
