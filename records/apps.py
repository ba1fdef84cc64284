from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Records management")

    def ready(self):
        # Here, not at the top: the receivers import models, which load after this module.
        from . import signals  # noqa: F401
