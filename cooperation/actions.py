"""What the cooperation surface records in the audit log (casework/actions.py says how).
One vocabulary per part."""

from django.utils.translation import gettext_lazy as _

from casework.actions import AuditAction


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
