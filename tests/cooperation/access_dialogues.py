"""Access-rule makers for the dialogue and initiative URLs, for
``tests/config/test_object_urls.py`` and the permission matrix: an unpublished event that
invites the organisation, a next step of its documentation, and an initiative the
organisation carries. Imported by ``tests/access.py``."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation.models import Event
from cooperation.services import dialogues as services
from demo import files
from organisations.models import Role
from tests import factories
from tests.access import object_url


def _event(organisation) -> Event:
    coordinator = factories.staff(Role.COORDINATOR)
    start = timezone.now() + timedelta(days=14)
    event = services.event_plan(
        acting_user=coordinator,
        organisers=[],
        kind=Event.Kind.IDEA_WORKSHOP,
        challenge_area=factories.ChallengeAreaFactory(),
        title="Idéverkstad om läxhjälp",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Biblioteket",
        capacity=20,
    )
    services.event_invite(event=event, acting_user=coordinator, organisations=[organisation])
    return event


@object_url("cooperation:event")
@object_url("cooperation:event_change")
@object_url("cooperation:event_cancel")
@object_url("cooperation:event_invite")
@object_url("cooperation:event_register")
@object_url("cooperation:event_unregister")
@object_url("cooperation:event_attendance")
@object_url("cooperation:event_documentation")
@object_url("cooperation:event_file_add")
def _event_of(organisation) -> dict:
    return {"pk": _event(organisation).pk}


def _documented(organisation):
    event = _event(organisation)
    coordinator = event.organisers.get()
    documentation = services.documentation_save(
        event=event,
        acting_user=coordinator,
        summary="Idéverkstad",
        reflections="",
        contributions=[],
        next_steps=[services.StepInput("Läxhjälp i samarbete med skolan")],
    )
    return coordinator, documentation.next_steps.get()


@object_url("cooperation:initiative_new")
def _next_step(organisation) -> dict:
    return {"step_pk": _documented(organisation)[1].pk}


@object_url("cooperation:initiative")
@object_url("cooperation:initiative_propose")
@object_url("cooperation:initiative_apply")
def _initiative(organisation) -> dict:
    coordinator, step = _documented(organisation)
    initiative = services.initiative_start(
        step=step,
        acting_user=coordinator,
        title="Läxhjälp",
        description="Läxhjälp i samarbete med skolan",
        organisation=organisation,
    )
    return {"pk": initiative.pk}


@object_url("cooperation:event_file")
def _documentation_file(organisation) -> dict:
    coordinator, step = _documented(organisation)
    event = step.documentation.event
    upload = SimpleUploadedFile("skord.pdf", files.pdf("Skörd"), content_type="application/pdf")
    stored = services.documentation_file_add(event=event, acting_user=coordinator, upload=upload)
    return {"pk": event.pk, "file_pk": stored.pk}
