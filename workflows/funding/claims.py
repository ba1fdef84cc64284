"""The officer's page for what follows a grant out of the ordinary: repayment claims (made,
paid, written off) and a party's demand for a decision rejected by a special decision (12 §).

It lives with the workflow because a claim for a missing report-back ends the process that
waits for it. Each form calls one service; a refusal shows the form again with its errors and
what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common import once
from common.forms import add_errors
from funding import policy
from funding import services as funding
from funding.delegation import matter_refusal
from funding.forms.claims import (
    DemandRejectionForm,
    RepaymentReceivedForm,
    UnreportedClaimForm,
    WriteOffForm,
)
from funding.models import Matter, RepaymentClaim
from funding.services.repayment import may_claim_unreported, unreported_deadline

from . import services


def _forms(data=None, action: str = "") -> dict:
    """One form per action; only the one sent is bound."""
    classes = {
        "claim": UnreportedClaimForm,
        "receive": RepaymentReceivedForm,
        "write_off": WriteOffForm,
        "reject_demand": DemandRejectionForm,
    }
    return {
        name: form_class(data if name == action else None, prefix=name)
        for name, form_class in classes.items()
    }


def _perform(action: str, application, claim, user, data: dict):
    if action == "claim":
        services.repayment_claim_unreported(
            application=application,
            acting_user=user,
            amount=data["amount"],
            reasons=data["reasons"],
            due_on=data["due_on"],
        )
        return _("The repayment claim is decided; its letter is on its way to the organisation.")
    if action == "receive":
        funding.repayment_receive(
            claim=claim, acting_user=user, amount=data["amount"], received_on=data["received_on"]
        )
        return _("The repayment received is recorded.")
    if action == "write_off":
        funding.repayment_write_off(claim=claim, acting_user=user, reason=data["reason"])
        return _("The repayment claim is written off.")
    funding.application_demand_reject(
        application=application,
        acting_user=user,
        reasons=data["reasons"],
    )
    return _("The demand is rejected by a special decision; its letter is on its way.")


# The services name a claim's fields as the report-back review does.
_FIELDS = {"repayment_amount": "amount", "note": "reasons", "repayment_due_on": "due_on"}


@login_required
def repayment(request, pk):
    application = policy.get_application_or_404(request.user, pk)
    try:
        policy.ensure_handles_cases(request.user)
    except PermissionDenied:
        raise Http404 from None
    if application.case is None:
        raise Http404
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _forms(request.POST if request.method == "POST" else None, action)
    status = 200
    if request.method == "POST":
        form = forms.get(action)
        claim = None
        if action in ("receive", "write_off"):
            claim_id = request.POST.get("claim", "")
            claim = get_object_or_404(
                RepaymentClaim,
                application=application,
                pk=int(claim_id) if claim_id.isdigit() and len(claim_id) < 19 else 0,
            )
        if form is not None and form.is_valid():
            back = reverse("funding:repayment", args=[application.pk])

            def act():
                messages.success(
                    request, _perform(action, application, claim, request.user, form.cleaned_data)
                )
                return back

            try:
                return once.act(request, form.cleaned_data["form_token"], act, default=back)
            except ValidationError as error:  # refused: the form again, as it was sent
                add_errors(form, error, renamed=_FIELDS)
        elif form is None:
            messages.error(request, _("Choose what to do."))
        status = 400
    return render(
        request,
        "funding/repayment.html",
        {
            "application": application,
            "claims": application.repayment_claims.prefetch_related("receipts"),
            # Money is recorded against the earliest claim still open.
            "open_claim": application.repayment_claims.filter(
                status=RepaymentClaim.Status.OPEN
            ).first(),
            "may_claim": may_claim_unreported(application),
            "overdue": unreported_deadline(application),
            "demand_open": application.case.decision_demanded_on is not None
            and application.case.decided_at is None,
            "rejections": application.case.demand_rejections.all(),
            "forms": forms,
            "action": action,
            # Who may not decide which of these, and why (the services refuse them too).
            "refusals": {
                name: matter_refusal(request.user, application, matter)
                for name, matter in (
                    ("claim", Matter.REPAYMENT_CLAIM),
                    ("write_off", Matter.WRITE_OFF),
                    ("reject_demand", Matter.DEMAND_REJECTION),
                )
            },
        },
        status=status,
    )
