"""Access-rule makers for the follow-up URLs, for ``tests/config/test_object_urls.py``."""

from followup.models import NarrativeSection
from tests import factories
from tests.access import object_url


@object_url("followup:narrative_section_edit")
def _narrative_section(organisation) -> dict:
    # Sections belong to no organisation: nobody outside the city's staff may open one.
    section = NarrativeSection.objects.create(
        year=2025, topic="events", heading="Evenemang", text="Text", updated_by=factories.staff()
    )
    return {"pk": section.pk}
