"""The public directory, an organisation's own profile page, and the contact form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from common import once
from organisations.models import Organisation

from ..forms.directory import DirectoryContactForm, DirectoryProfileForm, DirectorySearchForm
from ..models.directory import DirectoryProfile
from ..selectors.directory import get_published_profile_or_404, published_profiles
from ..services import directory as services

PAGE_SIZE = 20


@require_GET
def directory(request):
    """Everyone's view: the published profiles, searched and filtered, a page at a time."""
    form = DirectorySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = published_profiles(
        text=filters.get("q") or "",
        area=filters.get("area"),
        district=filters.get("district") or "",
        target_group=filters.get("target_group") or "",
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cooperation/directory/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def directory_profile_edit(request, organisation_pk):
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    services.ensure_acts_for(request.user, organisation)
    profile = DirectoryProfile.objects.filter(organisation=organisation).first()
    here = reverse("cooperation:directory_profile_edit", args=[organisation.pk])
    if request.method == "POST" and profile and "publish" in request.POST:
        services.profile_publish(acting_user=request.user, profile=profile)
        return redirect(here)
    if request.method == "POST" and profile and "withdraw" in request.POST:
        services.profile_withdraw(acting_user=request.user, profile=profile)
        return redirect(here)
    form = DirectoryProfileForm(request.POST or None, initial=_initial(profile))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")

        def save():
            services.profile_save(acting_user=request.user, organisation=organisation, **data)
            messages.success(request, _("The profile is saved."))
            return here

        return once.act(request, token, save, default=here)
    return render(
        request,
        "cooperation/directory/profile_edit.html",
        {"form": form, "organisation": organisation, "profile": profile},
        status=400 if form.errors else 200,
    )


def _initial(profile: DirectoryProfile | None) -> dict:
    if profile is None:
        return {}
    return {
        "what_we_do": profile.what_we_do,
        "districts": profile.district_codes,
        "target_groups": profile.target_group_codes,
        "challenge_areas": list(profile.challenge_areas.all()),
        "website": profile.website,
        "contact_person": profile.contact_person,
        "contact_person_consents": bool(profile.contact_person_consent_at),
    }


@login_required
def directory_contact(request, pk):
    """Write to a published organisation's members; their names and addresses stay hidden."""
    profile = get_published_profile_or_404(pk)
    form = DirectoryContactForm(request.POST or None)
    back = reverse("cooperation:directory")
    if request.method == "POST" and form.is_valid():

        def send():
            told = services.profile_contact(
                acting_user=request.user, profile=profile, message=form.cleaned_data["message"]
            )
            messages.success(
                request,
                ngettext(
                    "Your message was sent to %(count)d member of the organisation.",
                    "Your message was sent to %(count)d members of the organisation.",
                    told,
                )
                % {"count": told},
            )
            return back

        return once.act(request, form.cleaned_data["form_token"], send, default=back)
    return render(
        request,
        "cooperation/directory/contact.html",
        {"form": form, "profile": profile},
        status=400 if form.errors else 200,
    )
