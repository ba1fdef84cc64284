"""Opt the demo's city programmes into the public register's list of granted funding.

Run after ``load_funding_demo``. Safe to run again.
"""

from django.core.management.base import BaseCommand

from funding.models import FundingProgramme
from openness.models import PublicationSetting

# The programmes whose grants the demo city publishes by organisation and year.
PUBLISHED = ("utvecklingsbidrag", "lovaktivitetsbidrag")


class Command(BaseCommand):
    help = "Publish the demo programmes' grants in the public register (after load_funding_demo)."

    def handle(self, *args, **options):
        programmes = FundingProgramme.objects.filter(slug__in=PUBLISHED)
        for programme in programmes:
            PublicationSetting.objects.update_or_create(
                programme=programme, defaults={"publish_grants": True}
            )
        self.stdout.write(self.style.SUCCESS(f"{len(programmes)} programmes publish their grants."))
