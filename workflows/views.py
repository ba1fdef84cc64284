"""The start page, inbox and queue: where every role begins its work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import selectors as case_selectors
from organisations import policy
from organisations.models import Role

from . import queues, services
from .forms import ReassignForm

PAGE_SIZE = 25


@login_required
def home(request):
    inbox, more_in_inbox = queues.page_of(queues.inbox(request.user), size=10)
    queued, more_in_queue = queues.page_of(queues.queue(request.user), size=10)
    return render(
        request,
        "workflows/home.html",
        {
            "inbox": _with_links(inbox, "index"),
            "more_in_inbox": more_in_inbox,
            "queue": _with_links(queued, "assign"),
            "more_in_queue": more_in_queue,
            "cases": case_selectors.recent_cases_of(request.user, limit=10),
            "roles": policy.roles_of(request.user),
            "memberships": request.user.memberships.filter(role=Role.MEMBER).select_related(
                "organisation"
            ),
        },
    )


def _with_links(tasks, action: str):
    """Each task's own page: its viewflow view (execute in the inbox, take in the queue)."""
    for task in tasks:
        task.open_url = task.reverse(action)
    return tasks


def _after(request) -> int | None:
    value = request.GET.get("after", "")
    return int(value) if value.isdigit() else None


def _task_list(request, tasks, action: str, which: str):
    """A page of tasks, oldest first (keyset paging), or by due date (offset paging)."""
    overdue_only = request.GET.get("overdue") == "1"
    by_due = request.GET.get("sort") == "due"
    tasks = queues.with_due_dates(tasks, overdue_only=overdue_only, by_due_date=by_due)
    if by_due:
        offset = _after(request) or 0
        rows = list(tasks[offset : offset + PAGE_SIZE + 1])
        page, has_more, next_after = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE, offset + PAGE_SIZE
    else:
        page, has_more = queues.page_of(tasks, after=_after(request), size=PAGE_SIZE)
        next_after = page[-1].pk if page else None
    return render(
        request,
        "workflows/task_list.html",
        {
            "tasks": _with_links(page, action),
            "has_more": has_more,
            "next_after": next_after,
            "list": which,
            "overdue_only": overdue_only,
            "by_due": by_due,
            "today": timezone.localdate(),
        },
    )


@login_required
def inbox(request):
    return _task_list(request, queues.inbox(request.user), "index", "inbox")


@login_required
def queue(request):
    return _task_list(request, queues.queue(request.user), "assign", "queue")


@login_required
def team(request):
    """Colleagues who are away: their open tasks, to pass on to someone who is here."""
    if not policy.may_reassign_tasks(request.user):
        raise Http404
    if request.method == "POST":
        return _reassign(request)
    tasks = _with_links(list(queues.tasks_of_absent_colleagues(request.user)[:100]), "index")
    rows = [(task, ReassignForm(task=task)) for task in tasks]
    return render(request, "workflows/team.html", {"rows": rows})


def _reassign(request):
    task = (
        queues.tasks_of_absent_colleagues(request.user)
        .filter(pk=request.POST.get("task", ""))
        .first()
        if request.POST.get("task", "").isdigit()
        else None
    )
    if task is None:
        raise Http404
    form = ReassignForm(request.POST, task=task)
    if form.is_valid():
        try:
            services.task_reassign(
                task=task, acting_user=request.user, to_user=form.cleaned_data["to_user"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The task has been passed on."))
    else:
        messages.error(request, _("Choose who should take the task."))
    return redirect("workflows:team")
