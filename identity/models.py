"""The OpenID providers a person may log in through (configured in the admin), the personal
identity number an account is matched by, and the record of every login."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OIDC_SWEDEN_SCOPES = (
    "openid profile https://id.oidc.se/scope/naturalPersonNumber "
    "https://id.oidc.se/scope/naturalPersonOrgId"
)
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


class OIDCProvider(models.Model):
    """An OpenID Provider and this service's registration with it (the client)."""

    class Kind(models.TextChoices):
        EID = "eid", _("E-ID broker (BankID, Freja eID+)")
        STAFF = "staff", _("The city's single sign-on for staff")

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name shown on the button"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    issuer = models.URLField(_("issuer"), max_length=500)
    authorization_endpoint = models.URLField(_("authorization endpoint"), max_length=500)
    token_endpoint = models.URLField(_("token endpoint"), max_length=500)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), max_length=500)
    jwks_endpoint = models.URLField(_("JWKS endpoint"), max_length=500)
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=500)
    scopes = models.CharField(_("scopes"), max_length=500, default=OIDC_SWEDEN_SCOPES)
    acr_values = models.CharField(
        _("requested level of assurance (acr_values)"), max_length=500, blank=True, default=LOA3
    )
    sign_algo = models.CharField(_("ID token signing algorithm"), max_length=10, default="RS256")
    creates_accounts = models.BooleanField(
        _("creates an account for an unknown person"),
        default=False,
        help_text=_("The new account acts for no organisation until it is given the right to."),
    )

    class Meta:
        verbose_name = _("OpenID provider")
        verbose_name_plural = _("OpenID providers")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class PersonalIdentity(models.Model):
    """The personal identity number an account is matched by: its keyed hash, and the masked
    form shown to people. The number itself is never stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_identity"
    )
    number_digest = models.CharField(
        _("hash of the personal identity number"), max_length=64, unique=True, editable=False
    )
    number_masked = models.CharField(_("personal identity number"), max_length=13, editable=False)

    class Meta:
        verbose_name = _("personal identity number")
        verbose_name_plural = _("personal identity numbers")

    def __str__(self):
        return self.number_masked


class LoginEvent(models.Model):
    """One login: who, when, how, how surely, and for which organisation when the provider said."""

    class Method(models.TextChoices):
        PASSWORD = "password", _("Password")
        OIDC = "oidc", _("E-ID or single sign-on (OpenID Connect)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_events"
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    provider = models.ForeignKey(
        OIDCProvider, on_delete=models.SET_NULL, null=True, blank=True, related_name="logins"
    )
    provider_name = models.CharField(_("provider"), max_length=100, blank=True)
    assurance = models.PositiveSmallIntegerField(_("level of assurance"))
    # The organisation number of the provider's orgAffiliation claim (without the person's
    # part). The representation it stands for is the representation work's to find.
    org_affiliation = models.CharField(
        _("acting for (organisation number)"), max_length=40, blank=True
    )

    class Meta:
        verbose_name = _("login")
        verbose_name_plural = _("logins")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.at:%Y-%m-%d %H:%M} ({self.get_method_display()})"
