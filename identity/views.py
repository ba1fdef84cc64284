"""Login: the password form (where enabled), the OpenID providers' buttons, the start of an
OIDC login and its return, and the page that asks for a login with e-ID before a binding act."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    get_next_url,
)

from common.assurance import BINDING_ASSURANCE, assurance_level, password_login_assurance

from . import availability, services
from .backends import PROVIDER_SESSION_KEY, provider_settings
from .models import OIDCProvider


class LoginView(auth_views.LoginView):
    """The login page: e-ID and single sign-on buttons, and the password form unless
    PASSWORD_LOGIN_ENABLED is off."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN_ENABLED:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **_providers_context(),
            "password_login_enabled": settings.PASSWORD_LOGIN_ENABLED,
            "password_assurance": password_login_assurance(),
            "demo_mode": settings.DEMO_MODE,
        }


def _providers_context() -> dict:
    return {
        "eid_providers": availability.offered(OIDCProvider.Kind.EID),
        "staff_providers": availability.offered(OIDCProvider.Kind.STAFF),
    }


class ProviderLoginView(OIDCAuthenticationRequestView):
    """Send the person to the provider: authorisation code flow with PKCE, a nonce and, for
    an e-ID broker, the level of assurance asked for (``acr_values``)."""

    def __init__(self, **kwargs):
        # Not the parent's: it reads one provider from settings; this one reads it per request.
        View.__init__(self, **kwargs)
        self.provider = None

    def get_settings(self, attr, *args):
        if self.provider is not None and attr in (own := provider_settings(self.provider)):
            return own[attr]
        return OIDCAuthenticationRequestView.get_settings(attr, *args)

    def get(self, request, slug):
        self.provider = get_object_or_404(OIDCProvider, slug=slug, enabled=True)
        if not availability.answers(self.provider):
            return render(request, "identity/not_configured.html", status=503)
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        request.session[PROVIDER_SESSION_KEY] = self.provider.pk
        return super().get(request)

    def get_extra_params(self, request):
        return {"acr_values": self.provider.acr_values} if self.provider.acr_values else {}


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: the person is logged in, the login recorded with its level."""

    @property
    def failure_url(self):
        return reverse("login") + "?oidc=failed"

    def login_success(self):
        response = super().login_success()
        facts = self.user.oidc_login
        services.login_record_oidc(request=self.request, user=self.user, **facts)
        return response


@login_required
@require_GET
def step_up(request):
    """A binding act asked for a higher level of assurance than this session's: say why, and
    offer a login with e-ID that comes back to where the person was."""
    context = {
        **_providers_context(),
        "level": assurance_level(request),
        "needed": BINDING_ASSURANCE,
        "next": get_next_url(request, "next") or "",
    }
    return render(request, "identity/step_up.html", context)
