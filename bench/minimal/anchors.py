"""The anchors the pages are measured against, served by the bench settings only
(``bench.minimal.urls``): never in the product's URLs.

- viewflow's own task lists (``WorkflowInboxListView``, ``WorkflowQueueListView``) over the
  same tasks, with the lean filter of BENCH.md: the index-friendly condition (no
  ``OR owner_permission IS NULL``, no per-row string concatenation), no filter form (its
  process field renders one ``<option>`` per queued process) and a count bounded to what the
  pager shows. These are THE anchor of the list pages' ratios.
- The same two views as shipped (for information: at a million tasks they take seconds a page).
- A static page in the portal's shell: what the shell, the middleware and the session cost.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from viewflow.utils import viewprop
from viewflow.workflow.flow.views import WorkflowInboxListView, WorkflowQueueListView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.funding.flows import FundingApplicationFlow
from workflows.iop.flows import IOPFlow
from workflows.queues import takeable_by

FLOWS = [FundingApplicationFlow, IOPFlow]
# The pager shows at most this many pages; counting further is what BENCH.md found slow.
COUNT_BOUND = 1000


class BoundedPaginator(Paginator):
    """Django's paginator, counting at most ``COUNT_BOUND`` rows (one index range scan)."""

    @cached_property
    def count(self):
        return self.object_list[:COUNT_BOUND].count()


class FlowsPermission:
    """Mounted without a viewset, the lists let in whoever the portal's flow viewsets let in
    (``CaseScopedFlowAppViewset``: every person logged in; the rows are theirs). Their bulk
    actions (take or hand
    back the selected tasks) are that viewset's pages, so the lists show none."""

    bulk_actions = ()

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated


class Lean(FlowsPermission):
    """No filter form: its process field renders one ``<option>`` per queued process."""

    paginator_class = BoundedPaginator

    def get_filterset_class(self):
        return None


class LeanQueue(Lean, WorkflowQueueListView):
    """viewflow's queue list over the tasks the person may take, by the role and object
    partial indexes of workflows migration 0002, newest first as viewflow orders them."""

    @viewprop
    def queryset(self):
        condition = takeable_by(self.request.user)
        if condition is None:
            return Task.objects.none()
        return (
            Task.objects.filter(condition, status=STATUS.NEW)
            .select_related("process")
            .order_by("-pk")
        )


class LeanInbox(Lean, WorkflowInboxListView):
    """viewflow's inbox list by the inbox partial index (owner, id) of migration 0002."""

    @viewprop
    def queryset(self):
        return (
            Task.objects.filter(owner=self.request.user, status=STATUS.ASSIGNED)
            .select_related("process")
            .order_by("-pk")
        )


class StockQueue(FlowsPermission, WorkflowQueueListView):
    """viewflow's queue list as shipped."""


class StockInbox(FlowsPermission, WorkflowInboxListView):
    """viewflow's inbox list as shipped."""


lean_queue = LeanQueue.as_view(flow_classes=FLOWS)
lean_inbox = LeanInbox.as_view(flow_classes=FLOWS)
stock_queue = StockQueue.as_view(flow_classes=FLOWS)
stock_inbox = StockInbox.as_view(flow_classes=FLOWS)
static_page = TemplateView.as_view(template_name="bench/static_page.html")
