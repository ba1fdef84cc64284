"""Settings of the IOP app, with their defaults. A municipality sets them in its settings.

State-aid amounts are kept in Swedish kronor. The de minimis ceilings are in euro; each aid
converts at the rate of the day it was granted, from the table of euro rates administrators
keep (``EuroRate``; ``partnerships.state_aid.rate_on``).
"""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings

DE_MINIMIS_CEILING_EUR = Decimal(300_000)
DE_MINIMIS_SGEI_CEILING_EUR = Decimal(750_000)
DE_MINIMIS_YEARS = 3


def screening_delegation_point() -> str:
    """The point of the deciding boards' delegation order under which screening a proposal
    out is a decision (``IOP_SCREENING_DELEGATION_POINT``). Empty, the default, when the
    delegation order has none: screening out is then a notice (besked) with reasons."""
    return str(getattr(settings, "IOP_SCREENING_DELEGATION_POINT", "")).strip()


# The follow-up of an agreement year is due a month after the year ends; its tasks open six
# weeks before that, so the reminders three weeks and three days before find them open.
FOLLOW_UP_DUE_AFTER_YEAR_END = relativedelta(months=1)
FOLLOW_UP_OPENS_BEFORE_DUE = timedelta(weeks=6)
# The question "renew, amend or let it end" comes this long before the notice period starts,
# leaving time for a new version to pass the boards.
RENEWAL_BEFORE_NOTICE = relativedelta(months=3)
