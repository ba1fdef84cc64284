"""The catalogue of funding sources: the city's own programmes and external funders."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common import limits
from organisations.models import Board

from .programmes import MONEY, FundingProgramme


class FundingSource(models.Model):
    """A place an organisation may seek money from, with who may apply and for what."""

    class ProviderKind(models.TextChoices):
        CITY = "city", _("The city (a board's programme)")
        FOUNDATION = "foundation", _("Foundation")
        AGENCY = "agency", _("State agency")
        EU = "eu", _("EU fund")
        OTHER = "other", _("Other funder")

    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("funder"), max_length=200)
    provider_kind = models.CharField(
        _("kind of funder"), max_length=20, choices=ProviderKind.choices
    )
    board = models.ForeignKey(
        Board,
        verbose_name=_("board"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = models.OneToOneField(
        FundingProgramme,
        verbose_name=_("programme in this portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source",
        help_text=_("When the source is one of the city's programmes, applications start here."),
    )
    purpose = limits.BoundedTextField(_("what it funds"), max_length=limits.TEXT)
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_("Words that describe what it funds, separated by commas."),
    )
    eligible_kinds = models.JSONField(
        _("kinds of organisation that may apply"),
        default=list,
        blank=True,
        help_text=_("Empty: any idea-based organisation."),
    )
    challenge_areas = models.ManyToManyField(
        ChallengeArea, verbose_name=_("challenge areas"), blank=True, related_name="+"
    )
    min_amount = models.DecimalField(_("smallest amount"), **MONEY, null=True, blank=True)
    max_amount = models.DecimalField(_("largest amount"), **MONEY, null=True, blank=True)
    deadline = models.DateField(
        _("next deadline"), null=True, blank=True, help_text=_("Empty: apply at any time.")
    )
    max_months = models.PositiveSmallIntegerField(
        _("longest project period, months"), null=True, blank=True
    )
    url = models.URLField(_("more information"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]
