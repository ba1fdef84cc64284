"""A second factor (TOTP) for staff: who needs one, setting it up, and the step after login.

With ``REQUIRE_STAFF_OTP`` on (the production settings), a person with a staff role or an
administrator reaches nothing but these pages until they have entered a code from their
authenticator app in this session (``config.two_factor.StaffSecondFactorMiddleware``).
Associations' members log in with their password only.

Pairing an app needs more than the password: a one-time enrolment code that an administrator
issued (``organisations.services.enrolment_code_issue``, from the administration or
``manage.py enrolment_code``), or a session already verified with an app paired before (a new
phone). The app's secret is made and shown only after that, so a person who knows only the
password never sees a secret the account will trust.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy, services


def needs_second_factor(user) -> bool:
    """Staff roles and administrators: they see every case, or decide on them."""
    return user.is_superuser or user.is_staff or policy.roles_of(user).is_staff_member


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        help_text=_("Six digits. A new code is shown every 30 seconds."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "")


WRONG_CODE = _("The code is wrong or has expired. Enter the code your app shows now.")


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enrolment code"),
        max_length=40,
        help_text=_("Twelve letters and digits, as XXXX-XXXX-XXXX, from your administrator."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


WRONG_ENROLMENT_CODE = _(
    "The enrolment code is wrong, has been used or has expired. Ask your administrator for a "
    "new one."
)
# The app being paired in this session, made once the enrolment code was accepted.
_PENDING_DEVICE = "otp_pending_device"


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return "home"


def _qr_code_svg(device: TOTPDevice) -> str:
    # Drawn here as inline SVG: no image service sees the secret, and CSP needs nothing more.
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


@sensitive_post_parameters("token", "code")
@never_cache
@login_required
def otp_setup(request):
    """Pair an authenticator app: give the enrolment code, scan the QR code, then confirm with
    one code from the app."""
    verified = request.user.is_verified()
    if has_second_factor(request.user) and not verified:
        return redirect("otp_verify")
    device = _pending_device(request)
    if device is None and not verified:
        return _enrolment_code_step(request)
    if device is None:
        device = _new_device(request)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(_PENDING_DEVICE, None)
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return render(
        request,
        "organisations/otp_setup.html",
        {
            "form": form,
            "qr_code": _qr_code_svg(device),
            "secret": _grouped(device.bin_key),
            "next": _next_url(request),
        },
    )


def _enrolment_code_step(request):
    form = EnrolmentCodeForm(request.POST or None)
    if form.is_valid():
        if services.enrolment_code_redeem(user=request.user, code=form.cleaned_data["code"]):
            _new_device(request)
            return redirect(f"{request.path}?{urlencode({'next': _next_url(request)})}")
        form.add_error("code", WRONG_ENROLMENT_CODE)
    return render(
        request, "organisations/otp_enrolment.html", {"form": form, "next": _next_url(request)}
    )


def _pending_device(request) -> TOTPDevice | None:
    pk = request.session.get(_PENDING_DEVICE)
    if pk is None:
        return None
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first()


def _new_device(request) -> TOTPDevice:
    """A new secret for this session's pairing; any half-paired app of the person goes."""
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=request.user, confirmed=False, name="Autentiseringsapp")
    request.session[_PENDING_DEVICE] = device.pk
    return device


@sensitive_post_parameters("token")
@never_cache
@login_required
def otp_verify(request):
    """The second step of logging in: a code from the app paired at setup."""
    if not has_second_factor(request.user):
        return redirect("otp_setup")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return render(
        request, "organisations/otp_verify.html", {"form": form, "next": _next_url(request)}
    )


def _grouped(key: bytes) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
