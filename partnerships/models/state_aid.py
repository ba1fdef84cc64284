"""State aid beside the legal assessment: the lawful route an aid takes, the euro rates the de
minimis ceilings are counted in, and the organisation's own declaration of its other de minimis
aid in the last three years."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .inquiry import IOPInquiry


class AidRoute(models.TextChoices):
    """The lawful routes for state aid (the assessment records one when the answers find aid)."""

    DE_MINIMIS = "de_minimis", _("De minimis aid (Regulation (EU) 2023/2831)")
    SGEI_DE_MINIMIS = "sgei_de_minimis", _("SGEI de minimis aid (Regulation (EU) 2023/2832)")
    SGEI_DECISION = "sgei_decision", _("Compensation under the SGEI Decision (2012/21/EU)")
    GBER = "gber", _("Exempted under the general block exemption regulation (GBER)")
    NOTIFICATION = "notification", _("Notified to the European Commission")


DE_MINIMIS_ROUTES = (AidRoute.DE_MINIMIS, AidRoute.SGEI_DE_MINIMIS)


class EuroRate(models.Model):
    """The euro's rate in kronor for a period, as the administrators keep it (the Commission's
    monthly InforEuro rate is the one used for state aid). Aid converts at the rate of the
    day it is granted; a day without a rate is an error, never a guess."""

    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    sek_per_eur = models.DecimalField(_("SEK per EUR"), max_digits=8, decimal_places=4)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("For example InforEuro, May 2026.")
    )

    class Meta:
        verbose_name = _("euro exchange rate")
        verbose_name_plural = _("euro exchange rates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="euro_rate_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(sek_per_eur__gt=0), name="euro_rate_positive"
            ),
        ]

    def __str__(self):
        return f"{self.valid_from} – {self.valid_until}: {self.sek_per_eur}"

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The period ends before it starts.")})
        if self.sek_per_eur is not None and self.sek_per_eur <= Decimal(0):
            raise ValidationError({"sek_per_eur": _("A rate is more than zero.")})
        if self.valid_from and self.valid_until:
            overlapping = EuroRate.objects.filter(
                valid_from__lte=self.valid_until, valid_until__gte=self.valid_from
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(
                    _("Another rate covers part of this period: one rate for each day.")
                )


class DeMinimisDeclaration(models.Model):
    """An organisation's declaration, with the case, of the other de minimis aid it received in
    the last three years (Regulation (EU) 2023/2831 art. 6). The latest one counts."""

    inquiry = models.ForeignKey(
        IOPInquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="de_minimis_declarations",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("de minimis declaration")
        verbose_name_plural = _("de minimis declarations")
        ordering = ["inquiry", "organisation", "-declared_at"]

    def __str__(self):
        return f"{self.inquiry}: {self.organisation} ({self.declared_at:%Y-%m-%d})"


class DeclaredAid(models.Model):
    """One de minimis aid the organisation declared: who granted it, when and how much."""

    class Currency(models.TextChoices):
        SEK = "SEK", _("SEK")
        EUR = "EUR", _("EUR")

    declaration = models.ForeignKey(
        DeMinimisDeclaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="aids",
    )
    granted_by = models.CharField(_("granted by"), max_length=200)
    granted_on = models.DateField(_("granted on"))
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )
    is_sgei = models.BooleanField(_("SGEI de minimis aid (Regulation 2023/2832)"), default=False)

    class Meta:
        verbose_name = _("declared de minimis aid")
        verbose_name_plural = _("declared de minimis aid")
        ordering = ["declaration", "granted_on"]

    def __str__(self):
        return f"{self.granted_by}: {self.amount} {self.currency} ({self.granted_on})"
