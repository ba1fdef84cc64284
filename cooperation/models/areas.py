"""A challenge area's hosts (värdskap): a pair per area and period, the idea-based host
organisation and the host administration, the people who act as hosts, and the host
assignment agreed with the idea-based host's organisation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case, ChallengeArea
from common import limits
from organisations.models import Organisation

__all__ = ["Host", "HostPair"]


class HostPair(models.Model):
    """The two hosts of one challenge area for one period, and their assignment."""

    area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        on_delete=models.PROTECT,
        related_name="host_pairs",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("idea-based host organisation"),
        on_delete=models.PROTECT,
        related_name="hosted_areas",
    )
    administration = models.ForeignKey(
        Organisation,
        verbose_name=_("host administration"),
        on_delete=models.PROTECT,
        related_name="hosted_areas_as_administration",
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    assignment = limits.BoundedTextField(_("the assignment"), max_length=limits.TEXT)
    organisation_contribution = limits.BoundedTextField(
        _("what the idea-based host contributes"), blank=True, max_length=limits.SHORT_TEXT
    )
    city_contribution = limits.BoundedTextField(
        _("what the city contributes"), blank=True, max_length=limits.SHORT_TEXT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The assignment is an agreement the municipality enters into: registered as a case of its
    # own, whose documents are the agreement's versions and their signatures. Empty for a pair
    # recorded before the agreement was stored; it is registered when the agreement is made.
    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="host_pair",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("host pair")
        verbose_name_plural = _("host pairs")
        ordering = ["area", "-period_start"]

    def __str__(self):
        return f"{self.area} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class Host(models.Model):
    """A person who acts as host for one side of a pair; hosts plan the area's events."""

    class Side(models.TextChoices):
        ORGANISATION = "organisation", _("Idea-based host")
        ADMINISTRATION = "administration", _("Host administration")

    pair = models.ForeignKey(
        HostPair, verbose_name=_("host pair"), on_delete=models.CASCADE, related_name="hosts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="area_hostings",
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        constraints = [
            models.UniqueConstraint(fields=["pair", "user"], name="one_hosting_per_person_and_pair")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_side_display()})"
