"""The association directory: a profile an organisation chooses to publish (opt-in)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import ChallengeArea
from common import limits
from organisations.models import Organisation


class District(models.TextChoices):
    """The city's districts (stadsområden) a profile says it works in."""

    NORTH = "norr", _("North")
    EAST = "oster", _("East")
    SOUTH = "soder", _("South")
    WEST = "vaster", _("West")
    INNER_CITY = "innerstaden", _("Inner city")
    WHOLE_CITY = "hela-staden", _("The whole city")


class TargetGroup(models.TextChoices):
    CHILDREN = "barn", _("Children and young people")
    ADULTS = "vuxna", _("Adults")
    ELDERLY = "aldre", _("Older people")
    NEWCOMERS = "nyanlanda", _("Newly arrived")
    DISABILITY = "funktionsnedsattning", _("People with disabilities")
    EVERYONE = "alla", _("Everyone")


def codes_text(codes) -> str:
    """Chosen codes stored as ``" a b "``: a plain icontains on ``" a "`` finds one, on SQLite
    and PostgreSQL alike, without a join."""
    return f" {' '.join(sorted(codes))} " if codes else ""


class DirectoryProfile(models.Model):
    """What an organisation tells the public about itself. Nothing here is shown until it is
    published; withdrawing hides it at once. No person is named unless that person consented."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="directory_profile",
    )
    what_we_do = limits.BoundedTextField(_("what we do"), max_length=limits.TEXT)
    districts = models.CharField(_("districts"), max_length=200, blank=True)
    target_groups = models.CharField(_("target groups"), max_length=200, blank=True)
    challenge_areas = models.ManyToManyField(
        ChallengeArea, verbose_name=_("challenge areas"), blank=True, related_name="+"
    )
    website = models.URLField(_("website"), blank=True)
    # A contact person is shown only with that person's recorded consent.
    contact_person = models.CharField(_("contact person"), max_length=limits.NAME, blank=True)
    contact_person_consent_at = models.DateTimeField(
        _("contact person's consent given at"), null=True, blank=True
    )
    # Lower-cased name and text, kept by save(): the search reads one indexed column.
    search_text = models.CharField(max_length=6000, blank=True, editable=False, db_index=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("directory profile")
        verbose_name_plural = _("directory profiles")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(self.organisation)

    def save(self, *args, **kwargs):
        self.search_text = f"{self.organisation.name} {self.what_we_do}".lower()[:6000]
        super().save(*args, **kwargs)

    @property
    def district_codes(self) -> list[str]:
        return self.districts.split()

    @property
    def target_group_codes(self) -> list[str]:
        return self.target_groups.split()

    def district_labels(self) -> list[str]:
        return [str(District(code).label) for code in self.district_codes if code in District]

    def target_group_labels(self) -> list[str]:
        return [
            str(TargetGroup(code).label) for code in self.target_group_codes if code in TargetGroup
        ]

    @property
    def public_contact_person(self) -> str:
        return self.contact_person if self.contact_person_consent_at else ""
