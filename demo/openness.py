"""Opt the demo's city programmes into the public register's list of granted funding.

After the demo programmes. Safe to run again.
"""

from funding.models import FundingProgramme
from openness.models import PublicationSetting

# The programmes whose grants the demo city publishes by organisation and year.
PUBLISHED = ("utvecklingsbidrag", "lovaktivitetsbidrag")


def load(out) -> None:
    """Publish the grants of the programmes in ``PUBLISHED``."""
    programmes = FundingProgramme.objects.filter(slug__in=PUBLISHED)
    for programme in programmes:
        PublicationSetting.objects.update_or_create(
            programme=programme, defaults={"publish_grants": True}
        )
    out.write(f"{len(programmes)} programmes publish their grants.")
