"""The records manager's pages: the schedule, records due, disposal lists, legal holds.

Everyone else gets 404: the pages do not say that they exist."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import once
from common.forms import add_errors

from . import disposal, policy, selectors, services
from .forms import BuildListForm, ExecuteForm, HoldForm, ReviewForm
from .models import DisposalList, LegalHold


def records_manager_required(view):
    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not policy.may_manage_records(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def _repeat(request, *, default: str):
    """The answer to a form sent again after it was acted on, or ``None``: what it chose may
    be gone by then (the records are on the list now), so it is recognised before it is
    checked, and sent where the first sending went."""
    token = request.POST.get(once.FIELD_NAME, "")
    if request.method == "POST" and once.went_to(request, token) is not None:
        return once.repeat(request, token, default=default)
    return None


@records_manager_required
def schedule(request):
    return render(request, "records/schedule.html", {"rules": selectors.schedule()})


@records_manager_required
def due(request):
    """Records whose disposal day has come, and the form that puts them on a list."""
    repeated = _repeat(request, default=reverse("records:lists"))
    if repeated:
        return repeated
    form = BuildListForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def build():
            built = services.disposal_list_build(
                name=data["name"], retentions=data["retentions"], acting_user=request.user
            )
            messages.success(request, _("The list is sent for review."))
            return reverse("records:list_detail", args=[built.pk])

        try:
            return once.act(
                request,
                data["form_token"],
                build,
                default=reverse("records:lists"),
                message=_("The list was already built; it was sent twice."),
            )
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "due": selectors.due_retentions()}
    return render(request, "records/due.html", context)


@records_manager_required
def lists(request):
    return render(request, "records/lists.html", {"lists": selectors.disposal_lists()})


@records_manager_required
def list_detail(request, pk):
    disposal_list = get_object_or_404(DisposalList, pk=pk)
    context = {
        "disposal_list": disposal_list,
        "items": selectors.items_of(disposal_list),
        "progress": selectors.progress(disposal_list),
        "records": disposal_list.disposal_records.order_by("pk"),
        "review_form": ReviewForm(),
        "may_review": disposal_list.built_by_id != request.user.pk,
    }
    return render(request, "records/list_detail.html", context)


@records_manager_required
def list_review(request, pk):
    """Approve or return a list built by someone else (the four-eyes rule)."""
    disposal_list = get_object_or_404(DisposalList, pk=pk)
    repeated = _repeat(request, default=reverse("records:list_detail", args=[pk]))
    if repeated:
        return repeated
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        back = reverse("records:list_detail", args=[disposal_list.pk])

        def review():
            if data["decision"] == "approve":
                services.disposal_list_approve(
                    disposal_list=disposal_list, acting_user=request.user, comment=data["comment"]
                )
                messages.success(request, _("The list is approved and may be carried out."))
            else:
                services.disposal_list_return(
                    disposal_list=disposal_list, acting_user=request.user, comment=data["comment"]
                )
                messages.success(request, _("The list is returned to the one who built it."))
            return back

        try:
            return once.act(request, data["form_token"], review, default=back)
        except ValidationError as error:
            add_errors(form, error)
    context = {
        "disposal_list": disposal_list,
        "items": selectors.items_of(disposal_list),
        "form": form,
    }
    return render(request, "records/list_review.html", context)


@records_manager_required
def list_execute(request, pk):
    """Confirm, then carry out an approved list case by case; the page shows how far it got."""
    disposal_list = get_object_or_404(DisposalList, pk=pk)
    repeated = _repeat(request, default=reverse("records:list_detail", args=[pk]))
    if repeated:
        return repeated
    form = ExecuteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        back = reverse("records:list_detail", args=[disposal_list.pk])

        def execute():
            done = disposal.disposal_list_execute(
                disposal_list=disposal_list, acting_user=request.user
            )
            progress = selectors.progress(done)
            messages.success(
                request,
                _("%(disposed)s records disposed of, %(blocked)s blocked.") % progress,
            )
            return back

        try:
            return once.act(request, form.cleaned_data["form_token"], execute, default=back)
        except ValidationError as error:
            add_errors(form, error)
    context = {
        "disposal_list": disposal_list,
        "progress": selectors.progress(disposal_list),
        "form": form,
    }
    return render(request, "records/list_execute.html", context)


@records_manager_required
def holds(request):
    """Legal holds standing, and the form that places one on a case."""
    form = HoldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        back = reverse("records:holds")

        def place():
            services.legal_hold_place(
                case=data["case_number"],
                reason=data["reason"],
                reference=data["reference"],
                acting_user=request.user,
            )
            messages.success(request, _("The legal hold is placed."))
            return back

        return once.act(request, data["form_token"], place, default=back)
    return render(request, "records/holds.html", {"form": form, "holds": selectors.active_holds()})


@records_manager_required
@require_POST
def hold_lift(request, pk):
    hold = get_object_or_404(LegalHold, pk=pk)
    services.legal_hold_lift(hold=hold, acting_user=request.user)
    messages.success(request, _("The legal hold is lifted."))
    return redirect("records:holds")
