"""A board's meetings and their protocols (sammanträden och protokoll).

A board decision is taken at a meeting and recorded under a paragraph of its protocol; a
decision taken under delegation is reported to the board at a meeting. Under kommunallagen
13 kap. 5 § the three weeks to appeal run from the day the approval (justering) of that
meeting's protocol was announced on the municipality's official notice board.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.statutory_time import period_end
from organisations.models import Board

APPEAL_WEEKS = 3


def appeal_period_end(announced_on: date) -> date:
    """The last day to appeal: three weeks after the announcement; a period that ends on a
    Saturday, a Sunday, a public holiday, midsommarafton, julafton or nyårsafton runs to the
    next working day (lagen (1930:173) om beräkning av lagstadgad tid)."""
    return period_end(announced_on, weeks=APPEAL_WEEKS)


class BoardMeeting(models.Model):
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("meeting date"))
    delegation_paragraph = models.CharField(
        _("protocol § of the report of delegated decisions"),
        max_length=20,
        blank=True,
        help_text=_("The paragraph under which the delegated decisions were reported."),
    )
    protocol_announced_on = models.DateField(
        _("approval of the protocol announced"),
        null=True,
        blank=True,
        help_text=_(
            "The day it was announced on the official notice board that the protocol was "
            "approved. The three weeks to appeal run from this day."
        ),
    )

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["board__name", "-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["board", "held_on"], name="one_meeting_per_board_day")
        ]

    def __str__(self):
        return f"{self.board} {self.held_on:%Y-%m-%d}"

    @property
    def appeal_ends_on(self) -> date | None:
        if self.protocol_announced_on is None:
            return None
        return appeal_period_end(self.protocol_announced_on)
