"""The pages of dialogues and workshops: the list, planning, the event page with invitations,
registration and attendance, and the documentation afterwards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import once
from workflows.task_views import add_errors

from ..forms import dialogues as forms
from ..selectors import dialogues as rules
from ..services import dialogues as services


def _url(event) -> str:
    return reverse("cooperation:event", args=[event.pk])


def events(request):
    """The dialogues and workshops a person may see; the published ones for everyone."""
    context = {
        "events": rules.visible_events(request.user),
        "may_plan": rules.may_plan(request.user),
    }
    return render(request, "cooperation/dialogues/events.html", context)


@login_required
def event_new(request):
    if not rules.may_plan(request.user):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token, organisers = data.pop("form_token"), data.pop("organisers")

        def plan():
            event = services.event_plan(acting_user=request.user, organisers=organisers, **data)
            messages.success(request, _("The event is planned."))
            return _url(event)

        try:
            return once.act(request, token, plan, default=reverse("cooperation:events"))
        except ValidationError as error:
            add_errors(form, error)
    return render(request, "cooperation/dialogues/event_form.html", {"form": form})


def event(request, pk):
    """The event: what, when and where; registration; for its organisers the invitations, the
    registrations with attendance, and the documentation with its next steps."""
    event = rules.get_event_or_404(request.user, pk)
    runs = request.user.is_authenticated and rules.runs(request.user, event)
    organisations = (
        rules.registering_organisations(request.user, event)
        if request.user.is_authenticated
        else None
    )
    registrations = rules.registrations(event) if runs else []
    context = {
        "event": event,
        "runs": runs,
        "mine": rules.registration_of(request.user, event),
        "register_form": organisations and forms.RegistrationForm(organisations=organisations),
        "invitation_form": runs and forms.InvitationForm(),
        "invitations": event.invitations.select_related("organisation"),
        "registrations": registrations,
        "attendance_form": runs
        and forms.AttendanceForm(
            registrations=[r for r in registrations if r.status == r.Status.REGISTERED]
        ),
        "documentation": getattr(event, "documentation", None),
        "initiatives": event.initiatives.all(),
    }
    return render(request, "cooperation/dialogues/event.html", context)


def _post(request, pk, form_class, act, form_kwargs=None):
    """Bind a small form of the event page, call the service, and come back to the page."""
    event = rules.get_event_or_404(request.user, pk)
    form = form_class(request.POST, **(form_kwargs(event) if form_kwargs else {}))
    if form.is_valid():
        try:
            act(event, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Nothing was saved: choose at least one."))
    return redirect(_url(event))


@login_required
@require_POST
def event_invite(request, pk):
    def invite(event, data):
        invited = services.event_invite(
            event=event, acting_user=request.user, organisations=data["organisations"]
        )
        messages.success(request, _("The invitations are saved.") if invited else _("Nothing new."))

    return _post(request, pk, forms.InvitationForm, invite)


@login_required
@require_POST
def event_register(request, pk):
    def register(event, data):
        registration = services.event_register(
            event=event, acting_user=request.user, organisation=data["organisation"]
        )
        if registration.status == registration.Status.WAITING:
            messages.info(request, _("The event is full: you are on the waiting list."))
        else:
            messages.success(request, _("You are registered."))

    def organisations(event):
        return {"organisations": rules.registering_organisations(request.user, event)}

    return _post(request, pk, forms.RegistrationForm, register, form_kwargs=organisations)


@login_required
@require_POST
def event_unregister(request, pk):
    event = rules.get_event_or_404(request.user, pk)
    mine = rules.registration_of(request.user, event)
    if mine is not None:
        services.registration_cancel(registration=mine, acting_user=request.user)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(_url(event))


@login_required
@require_POST
def event_attendance(request, pk):
    def record(event, data):
        services.attendance_record(
            event=event, acting_user=request.user, attended=[int(pk) for pk in data["attended"]]
        )
        messages.success(request, _("The attendance is recorded."))

    def registrations(event):
        rules.ensure_runs(request.user, event)
        return {"registrations": list(services.registrations_with_place(event))}

    return _post(request, pk, forms.AttendanceForm, record, form_kwargs=registrations)
