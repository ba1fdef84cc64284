"""Who answers for a memo to a board besides its officer: a manager an administrator names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Board, Organisation


class ResponsibleManager(models.Model):
    """The manager named under "Ansvariga" in the memos an administration issues to a board:
    for one board, or, with no board, for every board the administration serves."""

    administration = models.ForeignKey(
        Organisation,
        verbose_name=_("administration"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.ADMINISTRATION},
    )
    board = models.ForeignKey(
        Board,
        verbose_name=_("board"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for every board the administration serves."),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("responsible manager")
        verbose_name_plural = _("responsible managers")
        ordering = ["administration__name", "board__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "board"], name="one_manager_per_board"
            ),
            models.UniqueConstraint(
                fields=["administration"],
                condition=models.Q(board__isnull=True),
                name="one_manager_per_administration",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.title}"
