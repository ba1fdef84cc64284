"""Needs that administrations post and offers that associations post, and the matches a
coordinator confirms between them. Nothing is public until its owner publishes it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common import limits
from organisations.models import Organisation

from .dialogues import Initiative

__all__ = ["Listing", "Match"]


class Listing(models.Model):
    """One need or one offer of an organisation."""

    class Side(models.TextChoices):
        NEED = "need", _("Need")
        OFFER = "offer", _("Offer")

    class Resource(models.TextChoices):
        RESOURCES = "resources", _("Resources")
        ACTIVITIES = "activities", _("Activities")
        PREMISES = "premises", _("Premises")
        VOLUNTEERS = "volunteers", _("Volunteers")

    side = models.CharField(_("need or offer"), max_length=10, choices=Side.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cooperation_listings",
    )
    title = models.CharField(_("title"), max_length=limits.NAME)
    description = limits.BoundedTextField(_("description"), max_length=limits.TEXT)
    resource = models.CharField(_("kind"), max_length=20, choices=Resource.choices)
    challenge_area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    district = models.CharField(_("district"), max_length=100, blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_open = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_side_display()}: {self.title}"


class Match(models.Model):
    """A need and an offer brought together: each side's interest, then a coordinator's
    confirmation, which opens the cooperation that follows."""

    need = models.ForeignKey(
        Listing, verbose_name=_("need"), on_delete=models.PROTECT, related_name="matches_as_need"
    )
    offer = models.ForeignKey(
        Listing, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="matches_as_offer"
    )
    need_interested_at = models.DateTimeField(_("the need's owner interested"), null=True)
    offer_interested_at = models.DateTimeField(_("the offer's owner interested"), null=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True)
    # What the confirmation opened: the initiative keeps the match it came from.
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        related_name="match",
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="one_match_per_need_and_offer")
        ]

    def __str__(self):
        return f"{self.need.title} ↔ {self.offer.title}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
