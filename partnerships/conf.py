"""Settings of the IOP app, with their defaults. A municipality sets them in its settings.

State-aid amounts are kept in Swedish kronor. The de minimis ceilings are in euro; they are
converted with ``IOP_EUR_TO_SEK``, a rate the municipality sets (the EU rules convert at the
Commission's rate on the day aid is granted: keep the setting near that rate, and treat the
ledger as a warning light, not as the legal calculation).
"""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings

DE_MINIMIS_CEILING_EUR = Decimal(300_000)
DE_MINIMIS_SGEI_CEILING_EUR = Decimal(750_000)
DE_MINIMIS_YEARS = 3


def eur_to_sek() -> Decimal:
    return Decimal(str(getattr(settings, "IOP_EUR_TO_SEK", "11.50")))


# The follow-up of an agreement year is due a month after the year ends; its tasks open six
# weeks before that, so the reminders three weeks and three days before find them open.
FOLLOW_UP_DUE_AFTER_YEAR_END = relativedelta(months=1)
FOLLOW_UP_OPENS_BEFORE_DUE = timedelta(weeks=6)
# The question "renew, amend or let it end" comes this long before the notice period starts,
# leaving time for a new version to pass the boards.
RENEWAL_BEFORE_NOTICE = relativedelta(months=3)
