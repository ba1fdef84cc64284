from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import EmailPreferencesForm


@login_required
def notification_list(request):
    return render(
        request, "notifications/list.html", {"notifications": selectors.recent(request.user)}
    )


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
def preferences(request):
    form = EmailPreferencesForm(
        # An empty POST is a real answer: every box unticked.
        request.POST if request.method == "POST" else None,
        initial_choices=selectors.email_preferences(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.set_email_preferences(user=request.user, by_email=form.cleaned_data)
        messages.success(request, _("Your choices have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
