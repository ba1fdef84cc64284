"""Staff must enter a TOTP code after their password when ``REQUIRE_STAFF_OTP`` is on. A login
through an OpenID provider (single sign-on, e-ID) brings its own second factor: no code then."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.http import urlencode

from common.assurance import ASSURANCE_SESSION_KEY
from organisations.two_factor import has_second_factor, needs_second_factor

# The pages a person between password and code may still reach.
_OPEN_URL_NAMES = {"otp_setup", "otp_verify", "logout", "set_language", "javascript-catalog"}


class StaffSecondFactorMiddleware:
    """After django_otp's ``OTPMiddleware``: send unverified staff to set up or enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not settings.REQUIRE_STAFF_OTP
            or not user.is_authenticated
            or user.is_verified()
            or ASSURANCE_SESSION_KEY in request.session
            or request.resolver_match.url_name in _OPEN_URL_NAMES
            or not needs_second_factor(user)
        ):
            return None
        step = "otp_verify" if has_second_factor(user) else "otp_setup"
        response = redirect(step)
        if request.method == "GET":
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
