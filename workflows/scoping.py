"""viewflow's pages of a flow: the portal's few, 404 for the rest, never 403 for another
organisation's processes and tasks.

viewflow's Site lets only holders of the global ``view_<process>`` permission into a flow's
pages at all, so an association's members and board secretaries could not take their own
tasks; and it answers 403 where a person lacks a task's permission, which tells that the
process exists. ``CaseScopedFlowAppViewset`` opens the flow's pages to everyone and
puts a guard in front of each of its pages instead:

- the pages that are the portal's own, of a person's task (a ``HumanTask``): taking it
  (``TakeTaskView``), doing it (the flow's task page) and the task's index, which leads to one
  of them or to the case (``TaskIndexView``). The process must belong to this flow, its case
  must be visible to the person (``casework.policy``) and the task id must belong to that
  process and to the node whose URL it is under (a member's own task id put under the legal
  assessment's or the board's URL opens nothing); otherwise 404. viewflow's own task checks
  still run after the guard.
- every other page of the engine answers 404 to everyone, administrators included: the
  dashboards, process and task lists, process and task detail pages and the flow chart show
  its raw fields, ids and node names, and its actions (cancel, undo, revive, give back, bulk
  take) change a process beside the services that keep the case in step with it. What people
  do with a case has a page of ours: the case page, the task lists (``/tasks/``), passing a
  task on, withdrawing, ending and rerouting.

None of these engine pages is linked from the portal: the menu is the portal's own
(``templates/base.html``), and after a task people land on a page of ours
(``CaseScopedFlowAppViewset.get_success_url``).

When viewflow refuses a task page because the task is no longer there to be done (someone
finished or took it first: two tabs, two colleagues, an old link in a notification), the
person is told so in words, with who and when, and where to go on (409) instead of a bare
"403 Access Forbidden". A refusal for lack of rights stays viewflow's 403.

Nothing of viewflow is changed: the guards wrap the views of the URL patterns this viewset
builds.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLResolver, reverse
from viewflow.workflow.flow.viewset import FlowAppViewset
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from casework import policy as case_policy

from .models.base import case_of
from .nodes import HumanTask


def _visible(user, flow_class, process_pk: int, task_pk: int | None, node=None) -> bool:
    if task_pk is None:
        process = Process.objects.filter(pk=process_pk, flow_class=flow_class).first()
    else:  # the task must belong to the process and to the URL's node: all in one query
        tasks = Task.objects.select_related("process").filter(
            pk=task_pk, process_id=process_pk, process__flow_class=flow_class
        )
        task = (tasks if node is None else tasks.filter(flow_task=node)).first()
        process = task.process if task is not None else None
    if process is None:
        return False
    case = case_of(process)
    return case is not None and case_policy.can_view_case(user, case)


# The pages of a person's task that are the portal's (see the module's docstring).
_PORTAL_PAGES = {"assign", "execute", "index"}


def scoped(view, flow_class, node=None):
    portal = isinstance(node, HumanTask)

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.resolver_match.url_name not in _PORTAL_PAGES or not portal:
            raise Http404
        task_pk = kwargs.get("task_pk")
        if not _visible(request.user, flow_class, kwargs["process_pk"], task_pk, node):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            gone = _task_gone(request, kwargs.get("task_pk"))
            if gone is None:
                raise
            return gone

    return guarded


_DOING_PAGES = {"assign", "execute"}


def _could_have_done(user, task) -> bool:
    """Whether ``user`` was one of the people the task was for (its owner or a holder of its
    permission); to anyone else the refusal stays viewflow's 403 and tells nothing."""
    if task.owner_id == user.pk:
        return True
    if not task.owner_permission or user.is_superuser:
        return False
    return user.has_perm(task.owner_permission, obj=task.owner_permission_obj) or user.has_perm(
        task.owner_permission
    )


def _refusal(user, task) -> str:
    """Why a person who holds the task's permission may still not take or do this open task
    (a conflict of interest, a delegation they do not hold), in words for them; else empty."""
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        return ""
    if not (user.is_superuser or _could_have_done(user, task)):
        return ""
    if task.status == STATUS.ASSIGNED and task.owner_id != user.pk:
        return ""
    refusal = getattr(task.flow_task, "refusal", None)
    return refusal(user, task) if refusal else ""


def _task_gone(request, task_pk: int | None) -> HttpResponse | None:
    """The page that says a task was done, cancelled or taken by someone else, or, for a
    task the person has taken already, on to doing it; else None.

    Only for the pages where a person does a task (take it, do it); viewflow's management
    actions (undo, cancel, revive) on a finished task keep their 403.
    """
    if task_pk is None or request.resolver_match.url_name not in _DOING_PAGES:
        return None
    task = Task.objects.select_related("owner", "process").get(pk=task_pk)
    if (
        request.resolver_match.url_name == "assign"
        and task.status == STATUS.ASSIGNED
        and task.owner_id == request.user.pk
    ):
        # Their own task already (Back, an older list, a second tab): on to doing it.
        return redirect(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))
    refused = _refusal(request.user, task)
    if refused:
        context = {"task": task, "reason": refused, "case": task.process.coerced.case}
        return TemplateResponse(request, "workflows/task_refused.html", context, status=403)
    taken_by_other = task.status == STATUS.ASSIGNED and task.owner_id != request.user.pk
    if task.status not in (STATUS.DONE, STATUS.CANCELED) and not taken_by_other:
        return None
    if not _could_have_done(request.user, task):
        return None
    context = {
        "task": task,
        "state": "taken" if taken_by_other else task.status.lower(),
        "by": task.owner.get_full_name() or task.owner.get_username() if task.owner else "",
        "by_me": task.owner_id == request.user.pk,
        "case": task.process.coerced.case,
    }
    return TemplateResponse(request, "workflows/task_unavailable.html", context, status=409)


def engine_only(view):
    """A flow-wide page of the engine (dashboard, lists, chart, bulk actions): 404 to everyone
    logged in; the anonymous are asked to log in first, as on every page of the portal."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404

    return guarded


def _guard(patterns, flow_class, node=None) -> None:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            # A node's pages are included under its name: their task ids must be its tasks.
            inner = (
                flow_class.instance.node(entry.namespace, no_obsolete=True)
                if entry.namespace
                else None
            )
            _guard(entry.url_patterns, flow_class, inner or node)
        elif "process_pk" in entry.pattern.converters:
            entry.callback = scoped(entry.callback, flow_class, node)
        else:
            entry.callback = engine_only(entry.callback)


class CaseScopedFlowAppViewset(FlowAppViewset):
    """viewflow's flow application, with every page of one process scoped to its case.

    ``portal_url_name``: the portal's page for this kind of case, where a person goes after a
    task when there is no case page to go to.
    """

    # Should an engine page ever render, it wears the portal's shell: one navigation, one
    # header.
    base_template_name = "base.html"

    def __init__(self, flow_class, *, portal_url_name: str = "home", **kwargs):
        super().__init__(flow_class, **kwargs)
        self.portal_url_name = portal_url_name

    def has_view_permission(self, user, obj=None):
        # The Site's gate in front of every page of the flow; the guards above decide per page
        # (and send an anonymous visitor to log in).
        return True

    def get_success_url(self, request):
        """Where a person goes after taking or doing a task: always a page of ours, never the
        engine's process or task detail. The task just taken, else the person's next task in
        this process, else the case."""
        activation = getattr(request, "activation", None)
        if activation is None:
            return reverse(self.portal_url_name)
        task = activation.task
        if task.status == STATUS.ASSIGNED and task.owner_id == request.user.pk:
            return task.flow_task.reverse("execute", args=[task.process_id, task.pk])
        following = self._flow_class.task_class._default_manager.next_user_task(
            activation.process, request.user
        )
        if following is not None:
            return following.flow_task.reverse("index", args=[following.process_id, following.pk])
        case = case_of(activation.process)
        return case.get_absolute_url() if case is not None else reverse(self.portal_url_name)

    def _get_urls(self):
        patterns = super()._get_urls()
        _guard(patterns, self._flow_class)
        return patterns
