"""``runserver`` that loads the URL configuration before its autoreloader starts.

With the autoreloader on, Django's development server imports the root URLconf in two threads
at once: the system checks import it in ``django-main-thread`` while the reloader's thread
imports it too, to learn which files to watch. That is 1,500 modules here (viewflow's nodes,
the flows, every view, openpyxl, the API schema). Python's per-module import locks let two
threads that walk one large graph meet in opposite orders: one of them gets a deadlock error,
which the reloader swallows, the modules it had begun leave ``sys.modules``, and the checks die
with ``KeyError: 'viewflow.workflow.nodes'``. It happened on some machines on every start and
never on others. Loaded here, in the process's only thread, the URLconf is complete before the
two threads exist, and neither has anything left to import.
"""

import contextlib
import os

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.urls import get_resolver
from django.utils import autoreload


class Command(RunserverCommand):
    def run(self, **options):
        if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":
            # A module broken while developing: the checks report it, and the reloader waits
            # for the fix as it does without this.
            with contextlib.suppress(Exception):
                get_resolver().urlconf_module  # noqa: B018
        super().run(**options)
