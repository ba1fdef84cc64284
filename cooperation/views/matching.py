"""Needs and offers: posting, publishing, suggested matches with their reasons, interest and
a coordinator's confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from common import once

from ..forms.matching import ListingForm
from ..selectors import matching as selectors
from ..services import matching as services

_SAVED = gettext_lazy(
    "Saved. Only your organisation and the coordinators see it until you publish it."
)


@login_required
@require_safe
def listing_list(request):
    user = request.user
    return render(
        request,
        "cooperation/matching/listing_list.html",
        {
            "listings": selectors.visible_listings(user).filter(is_open=True),
            "to_confirm": selectors.matches_to_confirm() if selectors.may_confirm(user) else None,
        },
    )


@login_required
def listing_create(request):
    form = ListingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        back = reverse("cooperation:listing_list")

        def post():
            listing = services.listing_post(
                side=form.side(),
                **{name: form.cleaned_data[name] for name in ListingForm.Meta.fields},
                acting_user=request.user,
            )
            messages.success(request, _SAVED)
            return reverse("cooperation:listing_detail", args=[listing.pk])

        try:
            return once.act(request, form.cleaned_data["form_token"], post, default=back)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "cooperation/matching/listing_form.html", {"form": form})


@login_required
def listing_detail(request, pk):
    listing = selectors.listing_for_user_or_404(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    owner = selectors.owns(request.user, listing)
    show_matches = owner or selectors.may_confirm(request.user)
    return render(
        request,
        "cooperation/matching/listing_detail.html",
        {
            "listing": listing,
            "is_owner": owner,
            "suggestions": selectors.suggestions(request.user, listing) if show_matches else None,
        },
    )


@login_required
def listing_publish(request, pk):
    listing = selectors.own_listing_or_404(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    publish = request.POST.get("publish") == "1"
    services.listing_publish(listing=listing, publish=publish, acting_user=request.user)
    messages.success(
        request,
        _("Published: everyone can see it.") if publish else _("Taken down: it is not public."),
    )
    return redirect("cooperation:listing_detail", pk=listing.pk)


@login_required
def match_interest(request, pk, other_pk):
    listing = selectors.own_listing_or_404(request.user, pk)
    other = selectors.listing_for_user_or_404(request.user, other_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.match_express_interest(listing=listing, other=other, acting_user=request.user)
        messages.success(request, _("Your interest is recorded; a coordinator will be in touch."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:listing_detail", pk=listing.pk)


@login_required
def match_confirm(request, pk):
    match = selectors.match_for_coordinator_or_404(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.match_confirm(match=match, acting_user=request.user)
        messages.success(request, _("The match is confirmed and an initiative is opened."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:listing_list")
