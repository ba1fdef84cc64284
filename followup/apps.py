from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up and reporting")

    def ready(self):
        from casework import events

        events.register_labels(
            {
                "narrative_section_written": _("Section of the annual report written"),
                "narrative_section_changed": _("Section of the annual report changed"),
                "narrative_section_deleted": _("Section of the annual report removed"),
            }
        )
