"""API tokens: what an integration or a person sends as ``Authorization: Token <key>``.

Only a hash of the key is stored; the key itself is shown once, when the token is made. A token
expires, can be revoked, reads only the resources it names, and is listed by its first
characters (``prefix``), which are not enough to use it."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Resource(models.TextChoices):
    """What a token may read: one value per part of the API (``api/urls.py``)."""

    CASES = "cases", _("Cases")
    AGREEMENTS = "agreements", _("IOP agreements")
    DECISIONS = "decisions", _("Funding decisions")
    PAYOUTS = "payouts", _("Payouts")
    DOCUMENTS = "documents", _("Documents' metadata")


def key_hash(key: str) -> str:
    """A key is 256 random bits (160 for one made before hashing), so one round of SHA-256
    is enough: there is no password to guess from it."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is used for."))
    prefix = models.CharField(_("beginning of the key"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    resources = models.JSONField(_("may read"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.prefix}… ({self.name})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def resource_labels(self) -> list[str]:
        return [str(Resource(value).label) for value in self.resources if value in Resource.values]
