from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Case handling")

    def ready(self):
        # Here, not at the top: the receivers import models, which load after this module.
        from . import signals  # noqa: F401

        # Every app's audit vocabulary (its actions.py), without casework importing those apps.
        autodiscover_modules("actions")
