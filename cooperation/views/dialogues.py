"""The pages of dialogues and workshops: the list, planning, the event page with invitations,
registration and attendance, and the documentation afterwards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common import once
from common.downloads import private_file_response
from common.forms import add_errors, form_page

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
    form = forms.EventForm(request.POST or None, areas=rules.plannable_areas(request.user))
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
    try:
        event = rules.get_event_or_404(request.user, pk)
    except Http404:
        if request.user.is_authenticated:
            raise
        return redirect_to_login(request.get_full_path())
    runs = request.user.is_authenticated and rules.runs(request.user, event)
    may_change = request.user.is_authenticated and rules.may_change(request.user, event)
    organisations = (
        rules.registering_organisations(request.user, event)
        if request.user.is_authenticated
        else None
    )
    registrations = rules.registrations(event) if runs else []
    context = {
        "event": event,
        "runs": runs,
        "may_change": may_change and event.status == event.Status.PLANNED,
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
        "file_form": runs and forms.FileForm(),
        "initiatives": event.initiatives.all(),
    }
    return render(request, "cooperation/dialogues/event.html", context)


@login_required
def event_change(request, pk):
    """Those who plan the event change what, when and where while it is planned."""
    event = rules.get_event_or_404(request.user, pk)
    rules.ensure_may_change(request.user, event)
    if event.status != event.Status.PLANNED:
        messages.error(request, _("Only a planned event can be changed."))
        return redirect(_url(event))

    def change(data) -> str:
        changes = {name: data[name] for name in services.CHANGEABLE}
        services.event_change(event=event, acting_user=request.user, **changes)
        return _("The event is changed.")

    return form_page(
        request,
        forms.EventChangeForm(request.POST or None, instance=event),
        "cooperation/dialogues/event_change.html",
        {"event": event},
        act=change,
        back=_url(event),
    )


@login_required
def event_cancel(request, pk):
    """Those who plan the event cancel it, saying why."""
    event = rules.get_event_or_404(request.user, pk)
    rules.ensure_may_change(request.user, event)
    if event.status == event.Status.CANCELLED:
        messages.info(request, _("The event is already cancelled."))
        return redirect(_url(event))

    def cancel(data) -> str:
        services.event_cancel(event=event, acting_user=request.user, reason=data["reason"])
        return _("The event is cancelled.")

    return form_page(
        request,
        forms.EventCancelForm(request.POST or None),
        "cooperation/dialogues/event_cancel.html",
        {"event": event},
        act=cancel,
        back=_url(event),
    )


def _event_for_post(request, pk, *, organisers_only=False):
    """The event of a button's target: 404 when not seen, 405 for anything but POST, 403
    for a participant's click on an organiser's button."""
    event = rules.get_event_or_404(request.user, pk)
    if request.method != "POST":
        return event, HttpResponseNotAllowed(["POST"])
    if organisers_only:
        rules.ensure_runs(request.user, event)
    return event, None


def _post(request, event, form, act):
    """Bind a small form of the event page, call the service, and come back to the page."""
    if form.is_valid():
        try:
            act(event, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Nothing was saved: choose at least one."))
    return redirect(_url(event))


@login_required
def event_invite(request, pk):
    event, refused = _event_for_post(request, pk, organisers_only=True)
    if refused:
        return refused

    def invite(event, data):
        invited = services.event_invite(
            event=event, acting_user=request.user, organisations=data["organisations"]
        )
        messages.success(request, _("The invitations are saved.") if invited else _("Nothing new."))

    return _post(request, event, forms.InvitationForm(request.POST), invite)


@login_required
def event_register(request, pk):
    event, refused = _event_for_post(request, pk)
    if refused:
        return refused

    def register(event, data):
        registration = services.event_register(
            event=event, acting_user=request.user, organisation=data["organisation"]
        )
        if registration.status == registration.Status.WAITING:
            messages.info(request, _("The event is full: you are on the waiting list."))
        else:
            messages.success(request, _("You are registered."))

    organisations = rules.registering_organisations(request.user, event)
    form = forms.RegistrationForm(request.POST, organisations=organisations)
    return _post(request, event, form, register)


@login_required
def event_unregister(request, pk):
    event, refused = _event_for_post(request, pk)
    if refused:
        return refused
    mine = rules.registration_of(request.user, event)
    if mine is not None:
        services.registration_cancel(registration=mine, acting_user=request.user)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(_url(event))


@login_required
def event_attendance(request, pk):
    event, refused = _event_for_post(request, pk, organisers_only=True)
    if refused:
        return refused

    def record(event, data):
        services.attendance_record(
            event=event, acting_user=request.user, attended=[int(pk) for pk in data["attended"]]
        )
        messages.success(request, _("The attendance is recorded."))

    registrations = list(services.registrations_with_place(event))
    form = forms.AttendanceForm(request.POST, registrations=registrations)
    return _post(request, event, form, record)


@login_required
def event_file_add(request, pk):
    event, refused = _event_for_post(request, pk, organisers_only=True)
    if refused:
        return refused
    form = forms.FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.documentation_file_add(
                event=event, acting_user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file is kept with the documentation."))
    else:
        messages.error(request, " ".join(form.errors.get("file", [])))
    return redirect(_url(event))


@login_required
def event_file(request, pk, file_pk):
    """A file of the documentation, for those who see the event."""
    event = rules.get_event_or_404(request.user, pk)
    try:
        stored = event.documentation.files.get(pk=file_pk)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None
    return private_file_response(stored.file, stored.original_name)
