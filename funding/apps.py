from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from casework import events

        events.register_labels(
            {
                "register_row_added": _("Added by the register import"),
                "register_row_changed": _("Changed by the register import"),
            }
        )
