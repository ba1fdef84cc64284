"""The start page, inbox and queue: where every role begins its work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework import selectors as case_selectors
from common.forms import add_errors
from funding import selectors as funding_selectors
from organisations import policy
from organisations import selectors as org_selectors

from . import queues, services
from .forms import PassOnForm, ReassignForm
from .models.base import task_url
from .nodes import data_object

PAGE_SIZE = 25


@login_required
def home(request):
    inbox, more_in_inbox = queues.page_of(queues.inbox(request.user), size=10)
    queued, more_in_queue = queues.page_of(queues.queue(request.user), size=10)
    return render(
        request,
        "workflows/home.html",
        {
            "inbox": _linked(request.user, inbox, "index"),
            "more_in_inbox": more_in_inbox,
            "queue": _linked(request.user, queued, "assign"),
            "drafts": funding_selectors.drafts_of(request.user)[:10],
            "more_in_queue": more_in_queue,
            "cases": case_selectors.recent_cases_of(request.user, limit=10),
            "roles": policy.roles_of(request.user),
            "memberships": org_selectors.current_memberships(request.user),
        },
    )


def _linked(user, tasks, action: str):
    """Staff open a task's own page (``action``: do it, or take it from the queue first); an
    association's tasks are its own, and open at once, taken on the way (``task_open``)."""
    if policy.is_staff_member(user):
        return _with_links(tasks, action)
    return _with_open_links(tasks)


def _with_links(tasks, action: str):
    """Each task's name and its own page: its viewflow view (execute in the inbox, take in
    the queue)."""
    labels = _Labels()
    for task in tasks:
        task.label = labels.of(task)
        task.open_url = _url(task, action)
    return tasks


def _with_open_links(tasks):
    """Each task's name and the page that takes it and opens it."""
    labels = _Labels()
    for task in tasks:
        task.label = labels.of(task)
        task.open_url = reverse("workflows:task_open", args=[task.pk])
    return tasks


@login_required
def task_open(request, task_pk):
    """Open a task from the start page: a task waiting in the queue is taken first, if this
    person may take it; their own open task is shown. Anyone else gets 404."""
    task = Task.objects.filter(pk=task_pk).select_related("process").first()
    if task is None:
        raise Http404
    if task.status == STATUS.NEW and services.may_take(request.user, task):
        with services.task_take(task=task, acting_user=request.user):
            pass
        task.refresh_from_db()
    if task.owner_id != request.user.pk or task.status not in (STATUS.ASSIGNED, STATUS.STARTED):
        raise Http404
    return redirect(task_url(task, "execute"))


class _Labels:
    """Each task's name in a list. Parallel tasks of one case in one queue are told apart by
    whom they are for: a party of the city's follow-up report names its administration."""

    def __init__(self):
        self._names: dict[str, str] = {}

    def of(self, task) -> str:
        label = _label(task)
        reports_for = (task.data or {}).get("reports_for")
        if not reports_for:
            return label
        if reports_for not in self._names:
            self._names[reports_for] = str(data_object(reports_for))
        return f"{label} – {self._names[reports_for]}"


def _label(task) -> str:
    """What viewflow's ``Task.brief`` shows for an open task. ``brief`` compiles its template
    for every row; a node that declares no summary or description shows its title, as is."""
    node = task.flow_task
    if node.task_summary_template or node.task_description or not node.task_title:
        return task.brief
    return str(node.task_title)


# A task's URL differs from its node's other tasks' only by the two ids, so each node's URL is
# reversed once per process (with stand-in ids) instead of once per row.
_PROCESS_ID, _TASK_ID = 918273645, 546372819
_URL_PATTERNS: dict[tuple, str] = {}


def _url(task, action: str) -> str:
    key = (task.flow_task, action, get_script_prefix())
    pattern = _URL_PATTERNS.get(key)
    if pattern is None:
        url = task.flow_task.reverse(action, args=[_PROCESS_ID, _TASK_ID])
        pattern = (
            url.replace("{", "{{")
            .replace("}", "}}")
            .replace(str(_PROCESS_ID), "{process}")
            .replace(str(_TASK_ID), "{task}")
        )
        _URL_PATTERNS[key] = pattern
    return pattern.format(process=task.process_id, task=task.pk)


# The largest position a page can start after: a task's id or an offset, both far below it.
_LAST_POSITION = 2**31 - 1


def _after(request) -> int | None:
    """Where the page starts; a position no list can reach is a bad request, not a query."""
    value = request.GET.get("after", "")
    if not value:
        return None
    if not value.isdigit() or int(value) > _LAST_POSITION:
        raise BadRequest("after")
    return int(value)


def _task_list(request, tasks, action: str, which: str):
    """A page of tasks, oldest first (keyset paging), or by due date (offset paging)."""
    overdue_only = request.GET.get("overdue") == "1"
    by_due = request.GET.get("sort") == "due"
    tasks = queues.with_due_dates(tasks, overdue_only=overdue_only)
    if by_due:
        offset = _after(request) or 0
        page, has_more = queues.page_by_due_date(tasks, offset=offset, size=PAGE_SIZE)
        next_after = offset + PAGE_SIZE
    else:
        page, has_more = queues.page_of(tasks, after=_after(request), size=PAGE_SIZE)
        next_after = page[-1].pk if page else None
    return render(
        request,
        "workflows/task_list.html",
        {
            "tasks": _linked(request.user, page, action),
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
    tasks = queues.with_case_brief(queues.tasks_of_absent_colleagues(request.user))
    tasks = _with_links(list(tasks[:100]), "index")
    candidates = queues.reassign_candidates(tasks)
    rows = [(task, ReassignForm(task=task, candidates=candidates[task.pk])) for task in tasks]
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
    form = ReassignForm(
        request.POST, task=task, candidates=queues.reassign_candidates([task])[task.pk]
    )
    if form.is_valid():
        try:
            services.task_reassign(
                task=task,
                acting_user=request.user,
                to_user=form.cleaned_data["to_user"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The task has been passed on."))
    else:
        messages.error(request, _("Choose who should take the task, and say why."))
    return redirect("workflows:team")


@login_required
def pass_on(request, task_pk: int):
    """The holder of a task passes it to a colleague or back to the queue, with the reason
    (a conflict of interest among them); 404 for anyone but the holder."""
    task = queues.inbox(request.user).filter(pk=task_pk).first()
    if task is None:
        raise Http404
    candidates = [
        person
        for person in queues.reassign_candidates([task])[task.pk]
        if person.pk != request.user.pk and services.may_take(person, task)
    ]
    form = PassOnForm(request.POST or None, task=task, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_reassign(
                task=task,
                acting_user=request.user,
                to_user=form.cleaned_data["to_user"],
                reason=form.cleaned_data["reason"],
                conflict_of_interest=form.cleaned_data["conflict_of_interest"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The task has been passed on."))
            return redirect("workflows:inbox")
    status = 400 if form.errors else 200
    return render(request, "workflows/pass_on.html", {"task": task, "form": form}, status=status)
