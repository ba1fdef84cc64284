from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Login and e-ID")

    def ready(self):
        # Here, not at the top: the receivers import models, which load after this module.
        from . import signals  # noqa: F401
