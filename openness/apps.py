from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpennessConfig(AppConfig):
    name = "openness"
    verbose_name = _("Public register and exports")
