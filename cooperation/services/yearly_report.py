"""The idea-based sector's coordinator writes its sections of the joint yearly report."""

from django.db import transaction
from django.http import Http404

from casework import events
from organisations import policy as org_policy

from ..actions import SectorReportAction
from ..models.yearly_report import SectorCoordination, SectorReportSection


def coordinating_organisation_id(user, year: int) -> int:
    """The organisation coordinating the sector's side in ``year``, if the person acts for it;
    404 otherwise. It writes the area sections too, from what each area's hosts report to it."""
    coordination = SectorCoordination.objects.filter(year=year).first()
    if coordination is None or not org_policy.acts_for(user, coordination.organisation_id):
        raise Http404
    return coordination.organisation_id


@transaction.atomic
def sector_section_save(
    *,
    acting_user,
    year: int,
    heading: str,
    text: str,
    challenge_area=None,
    position: int = 0,
    section: SectorReportSection | None = None,
) -> SectorReportSection:
    organisation_id = coordinating_organisation_id(acting_user, year)
    if section is None:
        section = SectorReportSection(year=year, author_organisation_id=organisation_id)
    else:
        section = SectorReportSection.objects.select_for_update().get(pk=section.pk)
    section.heading, section.text, section.position = heading, text, position
    section.challenge_area = challenge_area
    section.updated_by = acting_user
    section.full_clean()
    section.save()
    events.record(
        section,
        acting_user,
        SectorReportAction.SECTION_SAVED,
        data={"year": year, "organisation": section.author_organisation_id},
    )
    return section
