"""Training sessions: members register their organisation; coordinators record attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common import once
from organisations.models import Organisation
from organisations.policy import roles_of

from ..forms.training import AttendanceForm, TrainingRegistrationForm
from ..models.training import TrainingSession
from ..selectors.training import coming_sessions, registrations_of
from ..services import training as services


@login_required
def training(request):
    sessions = coming_sessions()
    organisations = Organisation.objects.filter(pk__in=roles_of(request.user).organisation_ids)
    form = TrainingRegistrationForm(
        request.POST or None, sessions=sessions, organisations=organisations
    )
    here = reverse("cooperation:training")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")

        def register():
            services.training_register(acting_user=request.user, **data)
            messages.success(request, _("Your organisation is registered."))
            return here

        try:
            return once.act(request, token, register, default=here)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "cooperation/training/training.html",
        {
            "form": form if organisations else None,
            "sessions": sessions,
            "registrations": registrations_of(request.user),
            "may_keep_training": services.may_keep_training(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def training_attendance(request, pk):
    services.ensure_may_keep_training(request.user)
    session = get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)
    form = AttendanceForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        # Marking the same attendance twice changes nothing: no token needed here.
        services.training_attendance_record(
            acting_user=request.user,
            session=session,
            attended_ids={registration.pk for registration in form.cleaned_data["attended"]},
        )
        messages.success(request, _("The attendance is recorded."))
        return redirect(reverse("cooperation:training_attendance", args=[session.pk]))
    return render(
        request,
        "cooperation/training/attendance.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )
