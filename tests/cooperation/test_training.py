"""Training: registration within the places, attendance recorded as eligibility evidence."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cooperation.models import Course, TrainingSession
from cooperation.services import training as services
from funding.eligibility import evidence_problems
from organisations.models import EligibilityEvidence, Role
from tests import factories

IDEA_WORKSHOP = EligibilityEvidence.Kind.IDEA_WORKSHOP


def _session(held_on, capacity=30):
    course = Course.objects.create(
        title="Idéverkstad", evidence_kind=IDEA_WORKSHOP, validity_days=365
    )
    return TrainingSession.objects.create(course=course, held_on=held_on, capacity=capacity)


@pytest.mark.django_db
def test_attending_an_idea_workshop_meets_a_development_grants_requirement(organisation):
    """The programme requires an idea workshop before a development grant (DOMAIN.md)."""
    programme = factories.FundingProgrammeFactory(rules=False)
    programme.evidence_requirements.create(kind=IDEA_WORKSHOP)
    today = timezone.localdate()
    session = _session(today - timedelta(days=10))
    member = factories.member(organisation)
    problems = [p.message for p in evidence_problems(organisation, programme)]
    assert problems == [
        "Deltagande i idéverkstad saknas i organisationens uppgifter i organisationsregistret."
    ]

    registration = services.training_register(
        acting_user=member, session=session, organisation=organisation, participants=2
    )
    services.training_attendance_record(
        acting_user=factories.staff(Role.COORDINATOR),
        session=session,
        attended_ids={registration.pk},
    )

    assert evidence_problems(organisation, programme) == []
    evidence = organisation.evidence.get(kind=IDEA_WORKSHOP)
    assert (evidence.given_on, evidence.expires_on) == (session.held_on, today + timedelta(355))
    # Valid for the course's validity, then the requirement is unmet again.
    later = today + timedelta(days=400)
    assert [p.message for p in evidence_problems(organisation, programme, later)] == [
        f"Deltagande i idéverkstad gick ut den {date_format(evidence.expires_on, 'j F Y')}."
    ]


@pytest.mark.django_db
def test_unmarking_attendance_takes_the_evidence_away(organisation):
    session = _session(timezone.localdate())
    registration = services.training_register(
        acting_user=factories.member(organisation),
        session=session,
        organisation=organisation,
        participants=1,
    )
    coordinator = factories.staff(Role.COORDINATOR)
    services.training_attendance_record(
        acting_user=coordinator, session=session, attended_ids={registration.pk}
    )
    services.training_attendance_record(
        acting_user=coordinator, session=session, attended_ids=set()
    )
    assert not organisation.evidence.filter(kind=IDEA_WORKSHOP).exists()


@pytest.mark.django_db
def test_registration_keeps_within_the_places_and_only_for_ones_own_organisation(
    organisation, outsider
):
    session = _session(timezone.localdate() + timedelta(days=5), capacity=3)
    member = factories.member(organisation)
    services.training_register(
        acting_user=member, session=session, organisation=organisation, participants=2
    )
    other = factories.OrganisationFactory()
    with pytest.raises(ValidationError):
        services.training_register(
            acting_user=factories.member(other), session=session, organisation=other, participants=2
        )
    from django.http import Http404  # noqa: PLC0415 (only this test needs it)

    with pytest.raises(Http404):
        services.training_register(
            acting_user=outsider, session=session, organisation=organisation, participants=1
        )


@pytest.mark.django_db
def test_a_member_registers_through_the_page_and_a_second_sending_changes_nothing(
    client, organisation
):
    session = _session(timezone.localdate() + timedelta(days=5))
    client.force_login(factories.member(organisation))
    url = reverse("cooperation:training")
    token = client.get(url).context["form"]["form_token"].value()
    data = {
        "form_token": token,
        "session": session.pk,
        "organisation": organisation.pk,
        "participants": 2,
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert session.registrations.get().participants == 2
    response = client.post(url, {**data, "form_token": "", "participants": 0})
    assert response.status_code == 400 and "participants" in response.context["form"].errors


@pytest.mark.django_db
def test_a_coordinator_records_attendance_and_a_member_may_not(client, organisation):
    session = _session(timezone.localdate())
    registration = services.training_register(
        acting_user=factories.member(organisation),
        session=session,
        organisation=organisation,
        participants=1,
    )
    url = reverse("cooperation:training_attendance", args=[session.pk])
    client.force_login(factories.member(organisation))
    assert client.get(url).status_code == 404
    client.force_login(factories.staff(Role.COORDINATOR))
    assert client.post(url, {"attended": [registration.pk]}).status_code == 302
    assert client.post(url, {"attended": [registration.pk]}).status_code == 302
    assert organisation.evidence.filter(kind=IDEA_WORKSHOP).count() == 1
