"""After a dialogue: its documentation, a next step made an initiative, and an initiative
made an IOP proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common import once
from common.forms import add_errors
from partnerships.forms import ProposalForm

from ..forms import dialogues as forms
from ..models import NextStep
from ..selectors import dialogues as rules
from ..services import dialogues as services


@login_required
def documentation(request, pk):
    """The organisers write down what came out of the event; saving again replaces it."""
    event = rules.get_event_or_404(request.user, pk)
    rules.ensure_runs(request.user, event)
    existing = getattr(event, "documentation", None)
    data = request.POST if request.method == "POST" else None
    form = forms.DocumentationForm(data, initial=_initial(existing))
    contributions = forms.ContributionFormSet(
        data, prefix="contributions", initial=_rows(existing, "contributions")
    )
    steps = forms.NextStepFormSet(data, prefix="steps", initial=_rows(existing, "next_steps"))
    if data is not None and form.is_valid() and contributions.is_valid() and steps.is_valid():
        try:
            services.documentation_save(
                event=event,
                acting_user=request.user,
                summary=form.cleaned_data["summary"],
                reflections=form.cleaned_data["reflections"],
                contributions=[_kept(row) for row in contributions.cleaned_data if _kept(row)],
                next_steps=[
                    services.StepInput(row["text"], row["responsible"], row["id"])
                    for row in steps.cleaned_data
                    if _kept(row)
                ],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The documentation is saved."))
            return redirect("cooperation:event", pk=event.pk)
    context = {"event": event, "form": form, "contributions": contributions, "steps": steps}
    return render(request, "cooperation/dialogues/documentation.html", context)


def _kept(row: dict) -> dict:
    """A filled row not marked for removal, without the mark."""
    return (
        {name: value for name, value in row.items() if name != "DELETE"}
        if row and not row.get("DELETE")
        else {}
    )


def _initial(documentation) -> dict:
    if documentation is None:
        return {}
    return {"summary": documentation.summary, "reflections": documentation.reflections}


def _rows(documentation, name: str) -> list[dict]:
    if documentation is None:
        return []
    if name == "contributions":
        fields = ("participant", "brought", "reflections")
        return list(documentation.contributions.values(*fields))
    return list(documentation.next_steps.values("id", "text", "responsible"))


@login_required
def initiative_new(request, step_pk):
    """An organiser makes a next step an initiative."""
    try:
        step = NextStep.objects.select_related("documentation__event").get(pk=step_pk)
    except NextStep.DoesNotExist:
        raise Http404 from None
    event = rules.get_event_or_404(request.user, step.documentation.event_id)
    rules.ensure_runs(request.user, event)
    form = forms.InitiativeForm(request.POST or None, initial={"description": step.text})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")

        def start():
            initiative = services.initiative_start(step=step, acting_user=request.user, **data)
            messages.success(request, _("The initiative is started."))
            return reverse("cooperation:initiative", args=[initiative.pk])

        try:
            return once.act(request, token, start, default=reverse("cooperation:events"))
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "step": step, "event": event}
    return render(request, "cooperation/dialogues/initiative_form.html", context)


@login_required
def initiative(request, pk):
    """The initiative, the dialogue it came from and the case it became."""
    initiative = rules.get_initiative_or_404(request.user, pk)
    context = {
        "initiative": initiative,
        "may_carry_on": rules.may_carry_on(request.user, initiative),
    }
    return render(request, "cooperation/dialogues/initiative.html", context)


@login_required
def initiative_propose(request, pk):
    """A member of the carrying organisation proposes the partnership: the proposal form of
    every IOP proposal, filled in from the initiative."""
    initiative = rules.get_initiative_or_404(request.user, pk)
    if not rules.may_carry_on(request.user, initiative):
        raise PermissionDenied
    initial = {
        "title": initiative.title,
        "purpose": initiative.description,
        "challenge_area": initiative.challenge_area_id,
    }
    organisations = [initiative.organisation]
    form = ProposalForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")
        data.pop("organisation")

        def propose():
            inquiry = services.initiative_propose_iop(
                initiative=initiative, acting_user=request.user, **data
            )
            messages.success(
                request,
                _("Your proposal is registered as case %(case)s.")
                % {"case": inquiry.case.case_number},
            )
            return reverse("partnerships:inquiry", args=[inquiry.case.case_number])

        try:
            return once.act(request, token, propose, default=reverse("cooperation:events"))
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "initiative": initiative}
    return render(request, "cooperation/dialogues/initiative_propose.html", context)


@login_required
def initiative_apply(request, pk):
    """A member of the carrying organisation starts a funding application for the initiative;
    the draft is then written on the funding pages, as every application."""
    initiative = rules.get_initiative_or_404(request.user, pk)
    if not rules.may_carry_on(request.user, initiative):
        raise PermissionDenied
    form = forms.FundingForm(request.POST or None, initial={"title": initiative.title})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")

        def apply():
            application = services.initiative_apply_for_funding(
                initiative=initiative, acting_user=request.user, **data
            )
            messages.success(request, _("Your draft is saved. Answer the parts in any order."))
            return reverse("funding:application_detail", args=[application.pk])

        try:
            return once.act(request, token, apply, default=reverse("cooperation:events"))
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "initiative": initiative}
    return render(request, "cooperation/dialogues/initiative_apply.html", context)
