from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import checks  # noqa: F401 - registers the system checks against the demo in production


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Register of organisations")

    def ready(self):
        # Here, not at the top: the receivers import models, which load after this module.
        from . import signals  # noqa: F401
