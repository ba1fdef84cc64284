"""The application's URLs, plus the benchmark's yardsticks (bench settings only): the minimal
flow's pages and the anchors of ``anchors``."""

from django.contrib.auth.decorators import login_required
from django.urls import path
from viewflow.workflow.flow import FlowViewset

from config.urls import urlpatterns as application_urlpatterns

from . import anchors
from .flows import MinimalFlow

ANCHORS = {
    "bench_lean_queue": ("bench-anchors/lean/queue/", anchors.lean_queue),
    "bench_lean_inbox": ("bench-anchors/lean/inbox/", anchors.lean_inbox),
    "bench_stock_queue": ("bench-anchors/stock/queue/", anchors.stock_queue),
    "bench_stock_inbox": ("bench-anchors/stock/inbox/", anchors.stock_inbox),
    "bench_static": ("bench-anchors/static/", anchors.static_page),
}

urlpatterns = [
    path("bench-minimal/", FlowViewset(MinimalFlow).urls),
    *(path(route, login_required(view), name=name) for name, (route, view) in ANCHORS.items()),
    *application_urlpatterns,
]
