from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        # Here, not at the top: the receivers import models, which load after this module.
        from . import signals  # noqa: F401
