from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations import policy as org_policy
from partnerships import policy, selectors
from partnerships.models import IOPInquiry, Status

from .base import CaseProcess


def _object_label(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


class IOPProcess(CaseProcess):
    """An IOP inquiry's way from proposal to signed and followed-up partnership."""

    class Meta:
        proxy = True
        verbose_name = _("IOP inquiry process")
        verbose_name_plural = _("IOP inquiry processes")

    @property
    def inquiry(self) -> IOPInquiry:
        """The inquiry as it is now: services change it on their own locked copy, so a branch
        condition never reads the copy cached on this process."""
        return IOPInquiry.objects.select_related("case").get(pk=self.artifact_object_id)

    # Branch conditions: read from the inquiry, whose services decide them.

    @property
    def is_iop(self) -> bool:
        """Screening found the criteria of an IOP met."""
        return self.inquiry.status != Status.NOT_IOP

    @property
    def is_open(self) -> bool:
        """Not closed, withdrawn or found not to be an IOP."""
        return self.inquiry.is_open

    @property
    def parties_accepted(self) -> bool:
        """Every party other than the municipality has accepted being a party."""
        return not self.inquiry.parties.filter(
            board__isnull=True, accepted_at__isnull=True
        ).exists()

    @property
    def draft_awaits_review(self) -> bool:
        """The officer sent the draft to the organisation for review."""
        return self.inquiry.draft_awaits_review

    @property
    def boards_blocked(self) -> bool:
        """A board rejected or returned the matter: the other boards need not decide."""
        return self.inquiry.status == Status.REVISION

    @property
    def boards_approved(self) -> bool:
        return self.inquiry.status == Status.SIGNING

    # The active agreement: what the calendar asks for when the flow's timer fires.

    @property
    def next_milestone_at(self):
        """The moment a follow-up opens, the renewal question comes, or the period ends."""
        day = selectors.next_milestone(self.inquiry)
        return timezone.make_aware(datetime.combine(day, time.min))

    @property
    def renewal_due(self) -> bool:
        """The end date nears: renew, amend or let the agreement end."""
        inquiry = self.inquiry
        if not selectors.renewal_pending(inquiry):
            return False
        return timezone.localdate() >= selectors.renewal_opens_on(selectors.signed_version(inquiry))

    @property
    def follow_up_due(self) -> bool:
        """The next agreement year's follow-up opens."""
        year = selectors.next_follow_up_year(self.inquiry)
        return year is not None and timezone.localdate() >= year.opens_on

    @property
    def agreement_over(self) -> bool:
        return timezone.localdate() > selectors.signed_version(self.inquiry).period_end

    @property
    def is_amending(self) -> bool:
        """The parties chose to renew or amend: a new version is co-created."""
        return self.inquiry.status == Status.CO_CREATION

    # Parallel tasks: one per party to accept, one per deciding board, one per signing party.
    # Each task carries the permission and the object (board or organisation) it is offered to.

    @property
    def board_tasks(self) -> list[dict]:
        return [
            {"permission": org_policy.ACT_FOR_BOARD, "object": _object_label(board)}
            for board in selectors.deciding_boards(self.inquiry)
        ]

    @property
    def acceptance_tasks(self) -> list[dict]:
        """One task per party yet to accept being one, in its organisation's inbox."""
        return [
            {
                "permission": org_policy.ACT_FOR_ORGANISATION,
                "object": _object_label(party.organisation),
                "party": party.pk,
            }
            for party in self.inquiry.parties.filter(
                board__isnull=True, accepted_at__isnull=True
            ).select_related("organisation")
        ]

    @property
    def signing_tasks(self) -> list[dict]:
        """One task per party, offered only to those with the right to sign for it."""
        tasks = []
        parties = self.inquiry.parties.filter(left_at__isnull=True)
        for party in parties.select_related("board", "organisation", "inquiry"):
            perm, obj = policy.signing_offer(party)
            tasks.append({"permission": perm, "object": _object_label(obj), "party": party.pk})
        return tasks

    @property
    def follow_up_tasks(self) -> list[dict]:
        """One report task per party: an idea-based party's (or another public body's) in its
        organisation's inbox; a party of the city's in the officers' queue, naming the
        administration it reports for."""
        tasks = []
        for party in self.inquiry.parties.filter(left_at__isnull=True).select_related(
            "organisation"
        ):
            label = _object_label(party.organisation)
            if party.board_id:
                tasks.append({"permission": org_policy.HANDLE_CASE, "reports_for": label})
            else:
                tasks.append({"permission": org_policy.ACT_FOR_ORGANISATION, "object": label})
        return tasks
