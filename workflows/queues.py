"""Inboxes and queues: the open tasks a person has, or may take.

Built for size: each query follows one of the partial indexes of migration 0002 (role queue
by permission, organisation or board queue by the object the task belongs to, inbox by owner),
nothing is counted exactly, and each task's case comes in the same query (``case_brief``), so
a page costs the same number of queries for 1 task as for 100, of either kind of case.
viewflow's own ``user_queue`` adds ``OR owner_permission IS NULL`` and a per-row string
concatenation, which no index can serve (see BENCH.md).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework.models import Deadline
from organisations import policy


def takeable_by(user) -> Q | None:
    """The tasks this person may take today, as a filter on tasks (None: no task at all)."""
    roles = policy.roles_of(user)
    branches = []
    global_perms = set(roles.permissions) | (
        user.get_all_permissions() if user.is_superuser else set()
    )
    if global_perms:
        branches.append(Q(owner_permission__in=global_perms, owner_permission_obj_pk__isnull=True))
    for perm, (model_label, ids) in policy.object_scopes(user).items():
        if ids:
            content_type = ContentType.objects.get_by_natural_key(*model_label.split("."))
            branches.append(
                Q(
                    owner_permission=perm,
                    owner_permission_content_type=content_type,
                    owner_permission_obj_pk__in=[str(pk) for pk in sorted(ids)],
                )
            )
    if not branches:
        return None
    combined = branches[0]
    for branch in branches[1:]:
        combined |= branch
    return combined


# The domain objects a process can drive; each has a ``case``.
CASE_SUBJECTS = ("funding.FundingApplication", "partnerships.IOPInquiry")


def with_case_brief(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Each task's case as ``case_brief`` ("case number title"), read in the same query."""
    whens = []
    for label in CASE_SUBJECTS:
        model = apps.get_model(label)
        brief = (
            model.objects.filter(pk=OuterRef("process__artifact_object_id"))
            .order_by()
            .annotate(brief=Concat("case__case_number", Value(" "), "case__title"))
            .values("brief")[:1]
        )
        content_type = ContentType.objects.get_for_model(model)
        whens.append(When(process__artifact_content_type=content_type, then=Subquery(brief)))
    return tasks.select_related("process").annotate(case_brief=Case(*whens, default=None))


# The funding tasks that assess or decide a case: nobody with a conflict of interest in the
# case sees them (FL 16–18 §§), and an administrator as such never decides.
_FUNDING_FLOW = "workflows/funding.flows.FundingApplicationFlow"
ASSESSING_TASKS = (f"{_FUNDING_FLOW}.assess",)
DECIDING_TASKS = tuple(
    f"{_FUNDING_FLOW}.{node}"
    for node in ("decide_as_officer", "decide_as_delegate", "record_board_decision")
)


def _conflicted(user) -> Q:
    """The assessment and decision tasks of cases in which ``user`` has a conflict of
    interest: those of an organisation they act for, those they declared a conflict in, and
    the decisions of cases they assessed. A superuser administers: no decision tasks.

    Each case is looked up from its task (``EXISTS``), so that PostgreSQL walks the open tasks
    in order and stops at a page; a ``NOT IN`` over every case the person assessed made it
    read and sort all open tasks (180 ms a page at a million tasks, 480 ms at three)."""
    model = apps.get_model("funding.FundingApplication")
    this_case = model.objects.filter(pk=OuterRef("process__artifact_object_id"))
    in_conflict = this_case.filter(
        Q(organisation_id__in=policy.roles_of(user).organisation_ids)
        | Q(conflict_declarations__person=user, conflict_declarations__has_conflict=True)
    )
    assessed = this_case.filter(assessment__assessor=user)
    funding = Q(process__artifact_content_type=ContentType.objects.get_for_model(model))
    excluded = funding & Q(flow_task__in=ASSESSING_TASKS + DECIDING_TASKS) & Exists(in_conflict)
    excluded |= funding & Q(flow_task__in=DECIDING_TASKS) & Exists(assessed)
    if user.is_superuser:
        excluded |= Q(flow_task__in=DECIDING_TASKS)
    return excluded


def queue(user) -> QuerySet[Task]:
    """Open tasks nobody has taken that this person may take, oldest first (ids grow with time);
    not the assessment and decision tasks of cases in which they have a conflict of interest.
    (Whether they hold the point of the delegation order is checked when they take a task.)"""
    condition = takeable_by(user)
    if condition is None:
        return Task.objects.none()
    tasks = Task.objects.filter(condition, status=STATUS.NEW).exclude(_conflicted(user))
    return with_case_brief(tasks).order_by("pk")


def inbox(user) -> QuerySet[Task]:
    """Tasks this person has taken and not finished, oldest first; a task of an organisation or
    board they no longer act for (their membership has ended) is not theirs to see any more."""
    tasks = Task.objects.filter(owner=user, status=STATUS.ASSIGNED)
    for perm, (_model_label, ids) in policy.object_scopes(user).items():
        tasks = tasks.exclude(
            Q(owner_permission=perm) & ~Q(owner_permission_obj_pk__in=[str(pk) for pk in ids])
        )
    return with_case_brief(tasks).order_by("pk")


def _bound_open_deadlines() -> QuerySet[Deadline]:
    return Deadline.objects.filter(met_at__isnull=True, task_id__isnull=False)


def with_due_dates(tasks: QuerySet[Task], *, overdue_only: bool = False) -> QuerySet[Task]:
    """Each task's earliest open deadline as ``due_on``; optionally only the overdue tasks."""
    open_deadlines = Deadline.objects.filter(met_at__isnull=True)
    tasks = tasks.annotate(
        due_on=Subquery(
            open_deadlines.filter(task_id=OuterRef("pk")).order_by("due_on").values("due_on")[:1]
        )
    )
    if overdue_only:
        overdue = _bound_open_deadlines().filter(due_on__lt=timezone.localdate())
        tasks = tasks.filter(pk__in=overdue.values("task_id"))
    return tasks


def page_by_due_date(
    tasks: QuerySet[Task], *, offset: int = 0, size: int = 25
) -> tuple[list[Task], bool]:
    """One page of ``with_due_dates`` tasks by due date: the tasks with an open deadline first,
    soonest first, then the rest oldest first; and whether more follow.

    Only the tasks with a deadline are sorted by it; the rest are read in id order and only as
    far as the page needs. Sorting the whole queue by a due date worked out for each task read
    all of it: 1.9 s of PostgreSQL a page for an officer with 120,000 queued tasks in the
    benchmark's database, 1.7 ms now (``python -m bench.profile_pages``).
    """
    bound = Exists(_bound_open_deadlines().filter(task_id=OuterRef("pk")))
    dated = tasks.filter(bound).order_by("due_on", "pk")
    rows = list(dated[offset : offset + size + 1])
    if len(rows) > size:
        return rows[:size], True
    # The dated tasks end on this page, or ended before it: the rest follow them.
    dated_total = offset + len(rows) if rows or not offset else dated.count()
    skip = max(0, offset - dated_total)
    rest = list(tasks.filter(~bound).order_by("pk")[skip : skip + size + 1 - len(rows)])
    rows += rest
    return rows[:size], len(rows) > size


def page_of(
    tasks: QuerySet[Task], *, after: int | None = None, size: int = 25
) -> tuple[list[Task], bool]:
    """One page and whether more follow, without counting the whole queue."""
    if after:
        tasks = tasks.filter(pk__gt=after)
    rows = list(tasks[: size + 1])
    return rows[:size], len(rows) > size


def tasks_of_absent_colleagues(user) -> QuerySet[Task]:
    """Open tasks held by people who are away today, for those who may move them."""
    if not policy.may_reassign_tasks(user):
        return Task.objects.none()
    absent = policy.absent_user_ids()
    return (
        Task.objects.filter(owner_id__in=absent, status=STATUS.ASSIGNED)
        .exclude(owner=user)
        .select_related("process", "owner")
        .order_by("pk")
    )


def reassign_candidates(tasks) -> dict[int, list]:
    """For each task (by id), the people present today who may take it: read once for all the
    tasks that the same people may take (the same permission for the same object)."""
    absent = policy.absent_user_ids()
    people: dict[tuple, list] = {}
    candidates = {}
    for task in tasks:
        key = (
            task.owner_permission,
            task.owner_permission_content_type_id,
            task.owner_permission_obj_pk,
        )
        if key not in people:
            holders = policy.holders_of(task.owner_permission, task.owner_permission_obj)
            people[key] = list(holders.exclude(pk__in=absent).order_by("first_name", "username"))
        candidates[task.pk] = people[key]
    return candidates
