from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry hand-off")

    def ready(self):
        # Receivers import models, which are not ready when this module is imported.
        from . import signals  # noqa: F401
