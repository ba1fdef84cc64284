"""What the cooperation surface records in the audit log (casework/actions.py says how).
One vocabulary per part."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


class DialogueAction(AuditAction):
    EVENT_PLANNED = "event_planned", _("Dialogue or workshop planned")
    EVENT_HELD = "event_held", _("Attendance recorded at a dialogue or workshop")
    EVENT_DOCUMENTED = "event_documented", _("Dialogue or workshop documented")
    EVENT_CHANGED = "event_changed", _("Dialogue or workshop changed after planning")
    EVENT_CANCELLED = "event_cancelled", _("Dialogue or workshop cancelled")
    INITIATIVE_STARTED = "initiative_started", _("Initiative started from a next step")
    INITIATIVE_BECAME_IOP = "initiative_became_iop", _("Initiative became an IOP proposal")


class DirectoryAction(AuditAction):
    PROFILE_SAVED = "directory_profile_saved", _("Directory profile saved")
    PROFILE_PUBLISHED = "directory_profile_published", _("Directory profile published")
    PROFILE_WITHDRAWN = "directory_profile_withdrawn", _("Directory profile withdrawn")
    MESSAGE_SENT = "directory_message_sent", _("Message sent through the directory")


class TrainingAction(AuditAction):
    REGISTERED = "training_registered", _("Registered for a training session")
    ATTENDANCE_RECORDED = "training_attendance_recorded", _("Training attendance recorded")


class SectorReportAction(AuditAction):
    SECTION_SAVED = "sector_report_section_saved", _("Idea-based sector's report section saved")


class AreaAction(AuditAction):
    AREA_OPENED = "area_opened", _("Challenge area opened")
    AREA_CLOSED = "area_closed", _("Challenge area closed")
    HOST_PAIR_RECORDED = "host_pair_recorded", _("Host pair and host assignment recorded")


class MatchingAction(AuditAction):
    LISTING_POSTED = "listing_posted", _("Need or offer posted")
    LISTING_PUBLISHED = "listing_published", _("Need or offer published")
    LISTING_WITHDRAWN = "listing_withdrawn", _("Need or offer withdrawn from the public")
    INTEREST_EXPRESSED = "match_interest", _("Interest in a match expressed")
    MATCH_CONFIRMED = "match_confirmed", _("Match confirmed by a coordinator")
