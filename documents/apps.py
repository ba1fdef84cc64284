from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from casework import events

        events.register_labels(
            {
                "document_requested": _("Document requested"),
                "document_rendered": _("Document produced"),
                "document_render_requested": _("Document to be produced again"),
                "document_finalised": _("Document made final"),
                "document_render_failed": _("Document could not be produced"),
            }
        )
