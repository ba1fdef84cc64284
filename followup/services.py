"""Writes of the follow-up app: the narrative sections of the annual report."""

from django.db import transaction

from casework import events

from . import policy
from .actions import FollowupAction
from .models import NarrativeSection


@transaction.atomic
def narrative_section_save(
    *,
    acting_user,
    year: int,
    topic: str,
    heading: str,
    text: str,
    position: int = 0,
    section: NarrativeSection | None = None,
) -> NarrativeSection:
    """Write or rewrite a section of text that the year's report shows after its figures."""
    policy.ensure_may_write_narrative(acting_user)
    created = section is None
    if created:
        section = NarrativeSection(year=year)
    else:
        section = NarrativeSection.objects.select_for_update().get(pk=section.pk)
    section.topic, section.heading, section.text, section.position = topic, heading, text, position
    section.updated_by = acting_user
    section.full_clean()
    section.save()
    events.record(
        section,
        acting_user,
        FollowupAction.NARRATIVE_SECTION_WRITTEN
        if created
        else FollowupAction.NARRATIVE_SECTION_CHANGED,
        data={"year": section.year, "topic": section.topic},
    )
    return section


@transaction.atomic
def narrative_section_delete(*, acting_user, section: NarrativeSection) -> None:
    """Take a section out of the year's report."""
    policy.ensure_may_write_narrative(acting_user)
    events.record(
        section,
        acting_user,
        FollowupAction.NARRATIVE_SECTION_DELETED,
        data={"year": section.year, "heading": section.heading},
    )
    section.delete()
