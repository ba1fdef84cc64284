from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import i18n

from common import once
from common.downloads import private_file_response
from common.forms import form_page

from . import policy, selectors
from . import representation as representation_services
from .forms import (
    AbsenceForm,
    InvitationForm,
    RepresentationDecisionForm,
    RepresentationProposalForm,
    RepresentationRevocationForm,
)
from .models import Absence

_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@login_required
def organisation_detail(request, pk):
    organisation = selectors.get_organisation_or_404(request.user, pk)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "evidence": selectors.evidence_status(organisation),
            "boards": organisation.boards.prefetch_related("signing_authorities__person"),
        },
    )


@login_required
def representation_list(request, pk):
    """Who acts and signs for an association, on what basis and until when."""
    organisation = selectors.get_organisation_or_404(request.user, pk)
    if not organisation.is_idea_based:
        raise Http404
    return render(
        request,
        "organisations/representation_list.html",
        {
            "organisation": organisation,
            "representations": selectors.representations_of(organisation),
            "may_propose": policy.acts_for(request.user, pk),
            "may_invite": policy.is_signatory_for(request.user, pk),
            "may_revoke": policy.is_signatory_for(request.user, pk)
            or policy.has_role_permission(request.user, policy.HANDLE_CASE),
        },
    )


@login_required
def representation_propose(request, pk):
    """A member uploads the minutes naming the signatories and proposes who signs."""
    organisation = selectors.organisation_acted_for_or_404(request.user, pk)
    form = RepresentationProposalForm(
        request.POST or None, request.FILES or None, people=selectors.members_of(organisation)
    )

    def propose(data) -> str:
        representation_services.representation_propose(
            organisation=organisation,
            acting_user=request.user,
            people=list(data["people"]),
            protocol=data["protocol"],
            protocol_date=data["protocol_date"],
            valid_until=data["valid_until"],
        )
        return _("The proposal has been sent to an officer.")

    return form_page(
        request,
        form,
        "organisations/representation_propose.html",
        {"organisation": organisation},
        act=propose,
        back=reverse("organisations:representation_list", args=[pk]),
        repeated=_("Your proposal was already sent; it was sent twice."),
    )


@login_required
def representation_worklist(request):
    """The officer's worklist: proposed signatories waiting for approval."""
    if not policy.has_role_permission(request.user, policy.HANDLE_CASE):
        raise Http404
    return render(
        request,
        "organisations/representation_worklist.html",
        {"proposals": selectors.pending_representations(request.user)},
    )


@login_required
def representation_decide(request, pk):
    """An officer approves a proposed signatory on the minutes, or refuses with a reason."""
    back = reverse("organisations:representation_worklist")
    message = _("The proposal was already decided; the decision was sent twice.")
    repeated = _repeated(request, back, message)
    if repeated:  # decided by the first sending, so off the worklist now
        return repeated
    representation = selectors.get_pending_representation_or_404(request.user, pk)
    form = RepresentationDecisionForm(request.POST or None)

    def decide(data) -> str:
        if data["decision"] == form.APPROVE:
            representation_services.representation_approve(
                representation=representation, acting_user=request.user
            )
            return _("The right to sign has been approved.")
        representation_services.representation_refuse(
            representation=representation, acting_user=request.user, reason=data["reason"]
        )
        return _("The proposal has been refused.")

    return form_page(
        request,
        form,
        "organisations/representation_decide.html",
        {"representation": representation},
        act=decide,
        back=back,
        repeated=message,
    )


@login_required
def representation_revoke(request, pk):
    """An officer or a signatory ends a representation now, saying why."""
    repeated = _repeated(request, reverse("home"), _("The representation has been revoked."))
    if repeated:  # revoked by the first sending
        return repeated
    representation = selectors.get_revocable_representation_or_404(request.user, pk)

    def revoke(data) -> str:
        representation_services.representation_revoke(
            representation=representation, acting_user=request.user, reason=data["reason"]
        )
        return _("The representation has been revoked.")

    return form_page(
        request,
        RepresentationRevocationForm(request.POST or None),
        "organisations/representation_revoke.html",
        {"representation": representation},
        act=revoke,
        back=reverse("organisations:representation_list", args=[representation.organisation_id]),
    )


@login_required
def invitation_send(request, pk):
    """A signatory invites a person by e-mail to act for the organisation."""
    organisation = selectors.organisation_acted_for_or_404(request.user, pk, signatory=True)

    def invite(data) -> str:
        representation_services.invitation_send(
            organisation=organisation,
            email=data["email"],
            acting_user=request.user,
            accept_url=lambda token: request.build_absolute_uri(
                reverse("organisations:invitation_accept") + "?" + urlencode({"token": token})
            ),
        )
        return _("The invitation has been sent.")

    return form_page(
        request,
        InvitationForm(request.POST or None),
        "organisations/invitation_send.html",
        {"organisation": organisation},
        act=invite,
        back=reverse("organisations:representation_list", args=[pk]),
    )


@login_required
def invitation_accept(request):
    """The invited person, logged in, accepts the invitation in the e-mail's link."""
    token = request.POST.get("token") or request.GET.get("token", "")
    if request.method == "POST":
        try:
            made = representation_services.invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("home")
        messages.success(
            request,
            _("You now act for %(organisation)s.") % {"organisation": made.organisation},
        )
        return redirect("organisations:organisation_detail", made.organisation_id)
    return render(request, "organisations/invitation_accept.html", {"token": token})


def _repeated(request, back: str, message: str):
    """The answer to a repeated sending of a form whose first sending was acted on, or None."""
    token = request.POST.get(once.FIELD_NAME, "") if request.method == "POST" else ""
    if once.went_to(request, token) is None:
        return None
    return once.repeat(request, token, default=back, message=message)


@login_required
def evidence_file(request, pk):
    evidence = selectors.get_evidence_or_404(request.user, pk)
    return private_file_response(evidence.file)


@login_required
def absences(request):
    """A person's own absences: while away, new tasks go to the queue and colleagues step in."""
    form = AbsenceForm(request.POST or None, instance=Absence(user=request.user))
    if request.method == "POST" and form.is_valid():
        back = reverse("organisations:absences")

        def save():
            form.save()
            messages.success(request, _("Your absence has been saved."))
            return back

        return once.act(
            request,
            form.cleaned_data["form_token"],
            save,
            default=back,
            message=_("Your absence was already saved; it was sent twice."),
        )
    upcoming = request.user.absences.filter(ends_on__gte=timezone.localdate())
    return render(request, "organisations/absences.html", {"form": form, "absences": upcoming})


@login_required
@transaction.atomic
def absence_delete(request, pk):
    absence = get_object_or_404(Absence, pk=pk, user=request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    absence.delete()
    messages.success(request, _("The absence has been removed."))
    return redirect("organisations:absences")


def set_language(request):
    """Django's ``set_language`` (the cookie, for anyone), and for a person who is logged in
    the choice kept on their profile, so that it follows them to every device."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and language in _LANGUAGES:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
