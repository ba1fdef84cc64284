"""A person's own API tokens: made here and shown once, listed by their beginning, revoked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from common import once

from . import policy, services
from .forms import TokenForm
from .models import ApiToken

# The new key waits in the session for the one page that shows it, and is gone after.
NEW_KEY = "api_new_token_key"


@never_cache
@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        back = reverse("api_tokens:tokens")

        def create():
            _token, key = services.token_create(
                user=request.user,
                acting_user=request.user,
                name=form.cleaned_data["name"],
                resources=form.cleaned_data["resources"],
                valid_days=form.cleaned_data["valid_days"],
            )
            request.session[NEW_KEY] = key
            return back

        try:
            return once.act(
                request,
                form.cleaned_data["form_token"],
                create,
                default=back,
                message=_("The token was already made; the form was sent twice."),
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
    context = {
        "form": form,
        "new_key": request.session.pop(NEW_KEY, None),
        "tokens": request.user.api_tokens.all(),
        "lacks_second_factor": policy.lacks_second_factor(request.user),
    }
    return render(request, "api/tokens.html", context)


@login_required
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.token_revoke(token=token)
    messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("api_tokens:tokens")
