"""The idea-based sector's own sections of the joint yearly report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common import limits
from organisations.models import Organisation


class SectorCoordination(models.Model):
    """The organisation whose members coordinate the idea-based sector's side in a year (in the
    seeds, the sector's coordinator and its steering group); they write its sections."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("coordination of the idea-based sector")
        verbose_name_plural = _("coordination of the idea-based sector")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.organisation}"


class SectorReportSection(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    author_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="report_sections",
    )
    # A section about one challenge area is that area's hosts' report.
    challenge_area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    heading = models.CharField(_("heading"), max_length=limits.NAME)
    text = limits.BoundedTextField(_("text"), max_length=limits.ANSWER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section by the idea-based sector")
        verbose_name_plural = _("sections by the idea-based sector")
        ordering = ["year", "position", "pk"]

    def __str__(self):
        return self.heading
