"""The funding page that starts the workflow: sending the application. It lives here, not
beside the task pages the flow names, so that the flow and its pages import each other in one
direction only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import once
from funding import eligibility, forms, policy
from funding import views as funding_views
from funding.models import FundingApplication
from identity.gate import binding_act

from . import services

SENT_TWICE = gettext_lazy("Your application was already sent; it was sent twice.")


@login_required
@binding_act
def application_submit(request, pk):
    """Submit the application: it is registered as a case and its workflow starts.

    Sent twice (a double click, the back button, two tabs), it is registered once: the repeat
    finds its token spent, or the application already sent, and goes to the application."""
    application = policy.get_application_or_404(request.user, pk)
    if request.method != "POST":
        policy.editable_or_404(request.user, application)
        return HttpResponseNotAllowed(["POST"])
    form = forms.SubmitApplicationForm(request.POST)
    token = form.cleaned_data["form_token"] if form.is_valid() else ""
    if once.went_to(request, token) == "":
        # The token is spent but its sending never answered: it is still being acted on, or
        # its web host died (SIGKILL, a lost machine) after spending it, maybe before its
        # transaction committed. The application decides, not the token: the service locks
        # its row, so this sending waits for one in flight and then finds it sent (a repeat),
        # or sends it now if the first one never committed.
        token = ""

    def submit():
        policy.editable_or_404(request.user, application)
        sent = services.application_submit(application=application, acting_user=request.user)
        messages.success(
            request,
            _("Your application is sent. Its case number is %(number)s.")
            % {"number": sent.case.case_number},
        )
        for warning in eligibility.plausibility_warnings(sent):
            messages.warning(request, warning.message)
        return _detail(pk)

    try:
        return once.act(request, token, submit, default=_detail(pk), message=SENT_TWICE)
    except ValidationError as error:
        return funding_views.refused(request, application, error)
    except (Http404, PermissionDenied):
        if not _sent_by_applicant(request.user, pk):
            raise
        return once.repeat(request, token, default=_detail(pk), message=SENT_TWICE)


def _detail(pk) -> str:
    return reverse("funding:application_detail", args=[pk])


def _sent_by_applicant(user, pk) -> bool:
    application = FundingApplication.objects.get(pk=pk)
    return application.case_id is not None and policy.acts_for_applicant(user, application)
