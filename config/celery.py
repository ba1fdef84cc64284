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


def name_redbeat_settings(sender, **kwargs) -> None:
    """celery-redbeat (the scheduler's lock, config/settings/base.py) asks whether its settings
    are set by their own names, not the ``CELERY_`` ones Django's settings give them; named
    so, it uses them without warning at each start that it falls back to the broker's."""
    for name in ("redbeat_redis_url", "redbeat_redis_options"):
        sender.conf[name] = sender.conf.first(name)


app.on_after_configure.connect(name_redbeat_settings)


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
