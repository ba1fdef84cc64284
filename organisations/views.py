from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import i18n

from common import once
from common.downloads import private_file_response

from . import selectors
from .forms import AbsenceForm
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
            "boards": organisation.boards.all(),
        },
    )


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
