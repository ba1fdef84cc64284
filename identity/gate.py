"""The gate before an act that binds an organisation (submitting, signing, terminating): a
session below the binding level of assurance is sent to log in again with e-ID, not refused."""

from functools import wraps

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from common.assurance import may_bind


def binding_act(view):
    """Decorate a view whose act binds an organisation. A GET comes back to the same page after
    the new login; a POST to the page it was sent from."""

    @wraps(view)
    def gated(request, *args, **kwargs):
        if not request.user.is_authenticated or may_bind(request):
            return view(request, *args, **kwargs)
        target = reverse("identity:step_up") + "?" + urlencode({"next": _back(request)})
        return redirect(target)

    return gated


def _back(request) -> str:
    if request.method == "GET":
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("home")
