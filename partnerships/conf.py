"""Settings of the IOP app, with their defaults. A municipality sets them in its settings.

State-aid amounts are kept in Swedish kronor. The de minimis ceilings are in euro; they are
converted with ``IOP_EUR_TO_SEK``, a rate the municipality sets (the EU rules convert at the
Commission's rate on the day aid is granted: keep the setting near that rate, and treat the
ledger as a warning light, not as the legal calculation).
"""

from decimal import Decimal

from django.conf import settings

DE_MINIMIS_CEILING_EUR = Decimal(300_000)
DE_MINIMIS_SGEI_CEILING_EUR = Decimal(750_000)
DE_MINIMIS_YEARS = 3


def eur_to_sek() -> Decimal:
    return Decimal(str(getattr(settings, "IOP_EUR_TO_SEK", "11.50")))
