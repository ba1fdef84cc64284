"""The page where an officer or coordinator sends a stranded decision to its route.

Since the route of a matter follows the amount applied for (not the assessor's proposal), a
decision that waited for an officer or delegate before the change may belong to another
delegate or to the board; nobody may take it where it is. The page says so, and why, and
sends it on through ``services.decision_reroute`` with the reason given."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.forms import add_errors
from funding import policy
from funding.delegation import route_of, size_of_matter
from organisations import policy as org_policy

from . import services


class RerouteForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the decision is sent on"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Kept in the case's log. Empty: the route the delegation order gives the case."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)


@login_required
def decision_route(request, pk):
    """Who decides the application under the delegation order, and, when its decision waits
    at another route, the form that sends it there (officers and coordinators; 404 else)."""
    application = policy.get_application_or_404(request.user, pk)
    if not org_policy.may_reassign_tasks(request.user):
        raise Http404
    form = RerouteForm(request.POST if request.method == "POST" else None)
    stranded = services.decisions_misrouted(application=application)
    if request.method == "POST" and form.is_valid():
        try:
            if not stranded:
                raise ValidationError(_("The decision waits where the delegation order puts it."))
            for task in stranded:
                services.decision_reroute(
                    task=task, acting_user=request.user, reason=form.cleaned_data["reason"]
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The decision is sent to the route it belongs to."))
            return redirect("funding:decision_route", pk=application.pk)
    return render(
        request,
        "workflows/funding/decision_route.html",
        {
            "application": application,
            "route": route_of(application),
            "why": size_of_matter(application),
            "stranded": stranded,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
