"""The Celery application. Tasks run eagerly (in-process) unless CELERY_BROKER_URL is set."""

import os
import resource

from celery import Celery
from celery.signals import worker_process_init

from common import limits

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("samverkansportalen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def bound_memory(**kwargs) -> None:
    """A worker child may not hold more than ``limits.RENDER_MEMORY_MB`` of data: beyond it an
    allocation fails (``MemoryError``) and the task stops, instead of a worker that grows until
    the machine swaps. ``worker_max_memory_per_child`` replaces a child that grew after a task."""
    ceiling = limits.RENDER_MEMORY_MB * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))
