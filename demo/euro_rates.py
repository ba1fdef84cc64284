"""A euro rate for the demo's years, so that the de minimis ledger can count (a missing rate
stops the count). An example rate, named as one: a municipality keeps the Commission's monthly
InforEuro rates in the admin."""

from datetime import date
from decimal import Decimal

from partnerships.models import EuroRate

DEMO_RATE = Decimal("11.20")
DEMO_PERIOD = (date(2019, 1, 1), date(2032, 12, 31))


def load(out) -> None:
    valid_from, valid_until = DEMO_PERIOD
    _rate, created = EuroRate.objects.get_or_create(
        valid_from=valid_from,
        valid_until=valid_until,
        defaults={"sek_per_eur": DEMO_RATE, "source": "Exempelkurs i demon, inte kommissionens"},
    )
    out.write(f"{int(created)} euro rate for the de minimis ledger.")
