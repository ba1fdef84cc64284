from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("IOP partnerships")

    def ready(self):
        from casework import events

        events.register_labels(
            {
                "iop_registered": _("IOP inquiry registered"),
                "status_changed": _("Status changed"),
                "legal_assessment_saved": _("Legal assessment saved"),
                "agreement_version_saved": _("New version of the draft agreement"),
                "draft_sent_for_review": _("Draft sent to the organisation"),
                "draft_reviewed": _("The organisation answered the draft"),
                "memo_written": _("Memo to the boards written"),
                "board_decision_recorded": _("Board decision recorded"),
                "agreement_signed": _("Agreement signed"),
                "aid_entry_recorded": _("Aid recorded in the de minimis ledger"),
                "process_cancelled": _("Open tasks cancelled"),
                "follow_up_opened": _("Yearly follow-up opened"),
                "follow_up_reported": _("Follow-up report sent"),
                "follow_up_approved": _("Follow-up approved"),
                "renewal_decided": _("Decided: renew, amend or end"),
            }
        )
