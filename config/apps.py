from axes.apps import AppConfig as DjangoAxesConfig
from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from common import scanning


class ProjectConfig(AppConfig):
    """The project itself: its management commands (``runserver``) and the system check that
    uploads are scanned (``common.scanning``)."""

    name = "config"
    verbose_name = "Samverkansportalen"

    def ready(self):
        checks.register(scanning.scanner_configured, checks.Tags.security)


class StaticFilesConfig(DjangoStaticFilesConfig):
    """Static files without the npm packages viewflow 2.4 ships beside its assets.

    viewflow's pages link the copies at the top of its static folder; the ``node_modules``
    folders they were copied from (13 MB) are linked by nothing, and one of their stylesheets
    names fonts the package does not contain (``Roboto-Thin.woff2``), which stops
    ``collectstatic`` with the manifest storage of production. Leaving them out keeps the
    manifest strict for everything that is served.
    """

    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, "node_modules"]


class AxesConfig(DjangoAxesConfig):
    """django-axes (login throttling) under a Swedish name in the administration; its models'
    and fields' names are translated in our catalogue (the package has no Swedish)."""

    verbose_name = _("Login throttling")
