from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarchiveConfig(AppConfig):
    name = "earchive"
    verbose_name = _("E-archive")
