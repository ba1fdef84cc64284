"""The start page and the case pages every role shares."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import once
from organisations import policy as org_policy

from . import policy, selectors, services
from .clocks import clock_of
from .forms import (
    CaseFilterForm,
    ClockPauseForm,
    CommentForm,
    DecisionDemandForm,
    DelayNoticeForm,
)


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(
        request.user,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        open_only=filters.get("open_only", False),
    )
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(request, "casework/case_list.html", {"form": form, "page": page})


@login_required
def case_detail(request, case_number):
    case = selectors.case_for_page_or_404(request.user, case_number)
    form = CommentForm(may_comment_internally=policy.may_comment_internally(request.user))
    return render(request, "casework/case_detail.html", _detail_context(request, case, form))


def _detail_context(request, case, comment_form):
    is_staff = org_policy.is_staff_member(request.user)
    return {
        "case": case,
        "clock": clock_of(case),
        "clock_forms": {
            # One page holds the three forms: ids of their own, so no two fields share one.
            "pause": ClockPauseForm(auto_id="id_pause_%s"),
            "demand": DecisionDemandForm(auto_id="id_demand_%s"),
            "delay": DelayNoticeForm(auto_id="id_delay_%s"),
        }
        if is_staff
        else None,
        "may_run_clock": policy.may_run_the_clock(request.user),
        "comments": policy.visible_comments(request.user, case),
        "events": selectors.case_history(case)
        if org_policy.is_staff_member(request.user)
        else None,
        "comment_form": comment_form,
    }


@login_required
def comment_create(request, case_number):
    case = policy.get_case_or_404(request.user, case_number=case_number)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    may_internal = policy.may_comment_internally(request.user)
    form = CommentForm(request.POST, may_comment_internally=may_internal)
    if not form.is_valid():
        return render(
            request, "casework/case_detail.html", _detail_context(request, case, form), status=400
        )
    back = case.get_absolute_url() + "#comments"

    def save():
        services.comment_add(
            case=case,
            acting_user=request.user,
            body=form.cleaned_data["body"],
            internal=form.cleaned_data.get("internal", False),
        )
        messages.success(request, _("Your comment has been saved."))
        return back

    return once.act(
        request,
        form.cleaned_data["form_token"],
        save,
        default=back,
        message=_("Your comment was already saved; it was sent twice."),
    )


# The statutory clock's actions, each with who may take it (404 for everyone else), the form,
# the one service it calls and what it says after; each returns to the case.
_CLOCK_ACTIONS = {
    "pause": (
        policy.may_run_the_clock,
        ClockPauseForm,
        lambda case, user, data: services.case_clock_pause(
            case=case, acting_user=user, reason=data["reason"]
        ),
        gettext_lazy("The clock is paused."),
    ),
    "resume": (
        policy.may_run_the_clock,
        None,
        lambda case, user, data: services.case_clock_resume(case=case, acting_user=user),
        gettext_lazy("The clock runs again."),
    ),
    "demand": (
        org_policy.is_staff_member,
        DecisionDemandForm,
        lambda case, user, data: services.case_decision_demand_register(
            case=case, acting_user=user, demanded_on=data["demanded_on"]
        ),
        gettext_lazy("The demand is registered: decide within four weeks."),
    ),
    "delay": (
        policy.may_run_the_clock,
        DelayNoticeForm,
        lambda case, user, data: services.case_delay_notice_send(
            case=case, acting_user=user, reason=data["reason"], expected_on=data["expected_on"]
        ),
        gettext_lazy("The delay notice has been sent to the organisation."),
    ),
}


@login_required
def clock_action(request, case_number, action):
    case = policy.get_case_or_404(request.user, case_number=case_number)
    if action not in _CLOCK_ACTIONS:
        raise Http404
    may, form_class, perform, done = _CLOCK_ACTIONS[action]
    if not may(request.user):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST) if form_class else None
    back = case.get_absolute_url() + "#clock"
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    token = form.cleaned_data.get(once.FIELD_NAME, "") if form else ""

    def run():
        perform(case, request.user, form.cleaned_data if form else {})
        messages.success(request, done)
        return back

    try:
        return once.act(request, token, run, default=back)
    except ValidationError as error:  # refused: the same form may be corrected and sent again
        messages.error(request, " ".join(error.messages))
        return redirect(back)
