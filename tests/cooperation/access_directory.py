"""Object URLs of the directory, training and the sector's report sections (tests/access.py)."""

from django.utils import timezone

from tests.access import object_url


@object_url("cooperation:directory_profile_edit")
def _own_profile(organisation) -> dict:
    return {"organisation_pk": organisation.pk}


@object_url("cooperation:directory_contact")
def _unpublished_profile(organisation) -> dict:
    """The organisation's profile, not published: nobody may write to it, not even its own."""
    from cooperation.models import DirectoryProfile

    profile = DirectoryProfile.objects.create(organisation=organisation, what_we_do="Odling.")
    return {"pk": profile.pk}


@object_url("cooperation:training_attendance")
def _session_with_a_registration(organisation) -> dict:
    from cooperation.models import Course, TrainingRegistration, TrainingSession

    course = Course.objects.create(title="Idéverkstad")
    session = TrainingSession.objects.create(course=course, held_on=timezone.localdate())
    TrainingRegistration.objects.create(session=session, organisation=organisation)
    return {"pk": session.pk}


@object_url("cooperation:sector_section_edit")
def _sector_section(organisation) -> dict:
    """A section by ``organisation``, which coordinates the sector's side this year."""
    from cooperation.models import SectorCoordination, SectorReportSection

    year = timezone.localdate().year
    SectorCoordination.objects.create(year=year, organisation=organisation)
    section = SectorReportSection.objects.create(
        year=year, author_organisation=organisation, heading="Verkstäder", text="Två verkstäder."
    )
    return {"pk": section.pk}
