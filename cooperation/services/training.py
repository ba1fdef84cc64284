"""Registering for training sessions and recording attendance as eligibility evidence."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.utils.translation import gettext as _

from casework import events
from organisations import policy as org_policy
from organisations.models import EligibilityEvidence, Organisation

from ..actions import TrainingAction
from ..models.training import TrainingRegistration, TrainingSession

KEEP_TRAINING = frozenset({org_policy.COORDINATE, org_policy.HANDLE_CASE})


def may_keep_training(user) -> bool:
    """Coordinators and officers record attendance."""
    return user.is_superuser or bool(org_policy.roles_of(user).permissions & KEEP_TRAINING)


def ensure_may_keep_training(user) -> None:
    if not may_keep_training(user):
        raise Http404


@transaction.atomic
def training_register(
    *, acting_user, session: TrainingSession, organisation: Organisation, participants: int
) -> TrainingRegistration:
    """A member registers their organisation for a session, within its places."""
    if not org_policy.acts_for(acting_user, organisation.pk):
        raise Http404
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    registration = TrainingRegistration.objects.filter(
        session=session, organisation=organisation
    ).first() or TrainingRegistration(session=session, organisation=organisation)
    taken = (
        session.registrations.exclude(pk=registration.pk).aggregate(n=Sum("participants"))["n"] or 0
    )
    if taken + participants > session.capacity:
        raise ValidationError(
            {"participants": _("There are not enough places left at this session.")}
        )
    registration.participants, registration.registered_by = participants, acting_user
    registration.full_clean()
    registration.save()
    events.record(
        registration, acting_user, TrainingAction.REGISTERED, data={"session": session.pk}
    )
    return registration


@transaction.atomic
def training_attendance_record(
    *, acting_user, session: TrainingSession, attended_ids: set[int]
) -> list[TrainingRegistration]:
    """Mark who attended. Each attending organisation gets the course's evidence, given on the
    session's day and valid for the course's validity; unmarking removes that evidence."""
    ensure_may_keep_training(acting_user)
    course = session.course
    registrations = list(
        session.registrations.select_for_update(of=("self",)).select_related(
            "organisation", "evidence"
        )
    )
    for registration in registrations:
        attended = registration.pk in attended_ids
        if attended == registration.attended:
            continue
        registration.attended = attended
        if attended and course.evidence_kind:
            registration.evidence = EligibilityEvidence.objects.create(
                organisation=registration.organisation,
                kind=course.evidence_kind,
                given_on=session.held_on,
                expires_on=session.held_on + timedelta(days=course.validity_days),
                value=str(course)[:200],
                recorded_by=acting_user,
            )
        elif not attended and registration.evidence_id:
            registration.evidence.delete()
            registration.evidence = None
        registration.save(update_fields=["attended", "evidence"])
        events.record(
            registration,
            acting_user,
            TrainingAction.ATTENDANCE_RECORDED,
            data={"session": session.pk, "attended": attended},
        )
    return registrations
