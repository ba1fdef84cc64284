from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView


class MinimalFlow(flow.Flow):
    """Two officer steps in a row, nothing else: what viewflow itself costs per step."""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.first)
    # officer
    first = (
        flow.View(UpdateProcessView.as_view(fields=[]))
        .Permission("casework.handle_case")
        .Next(this.second)
    )
    # officer
    second = (
        flow.View(UpdateProcessView.as_view(fields=[]))
        .Permission("casework.handle_case")
        .Next(this.end)
    )
    end = flow.End()

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated
