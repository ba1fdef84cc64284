"""Reading training sessions: the coming ones with places left, and an organisation's own."""

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from organisations import policy as org_policy

from ..models.training import TrainingRegistration, TrainingSession


def coming_sessions(day=None) -> QuerySet[TrainingSession]:
    day = day or timezone.localdate()
    return (
        TrainingSession.objects.filter(held_on__gte=day)
        .select_related("course")
        .annotate(taken=Coalesce(Sum("registrations__participants"), 0))
    )


def registrations_of(user) -> QuerySet[TrainingRegistration]:
    """The registrations of the organisations the person acts for."""
    ids = org_policy.roles_of(user).organisation_ids
    return (
        TrainingRegistration.objects.filter(Q(organisation_id__in=ids))
        .select_related("session__course", "organisation")
        .order_by("-session__held_on")
    )
