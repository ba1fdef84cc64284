from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common import once
from common.downloads import private_file_response

from . import selectors
from .forms import AbsenceForm
from .models import Absence


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
