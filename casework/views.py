"""The start page and the case pages every role shares."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from organisations import policy as org_policy

from . import policy, selectors, services
from .forms import CaseFilterForm, CommentForm


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
    case = policy.get_case_or_404(request.user, case_number=case_number)
    form = CommentForm(may_comment_internally=policy.may_comment_internally(request.user))
    return render(request, "casework/case_detail.html", _detail_context(request, case, form))


def _detail_context(request, case, comment_form):
    return {
        "case": case,
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
    services.comment_add(
        case=case,
        acting_user=request.user,
        body=form.cleaned_data["body"],
        internal=form.cleaned_data.get("internal", False),
    )
    messages.success(request, _("Your comment has been saved."))
    return redirect(case.get_absolute_url() + "#comments")
