from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from . import policy
from .models import EligibilityEvidence, Membership, Organisation, Representation, Role, User


def visible_organisations(user) -> QuerySet[Organisation]:
    scope = policy.register_scope(user)
    if scope is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=Organisation.objects.filter(scope).values("pk"))


def current_memberships(user, role: str = Role.MEMBER) -> QuerySet[Membership]:
    """The person's memberships valid today: an ended one shows nothing of its organisation."""
    today = timezone.localdate()
    return (
        Membership.objects.filter(user=user, role=role, valid_from__lte=today)
        .exclude(valid_until__lt=today)
        .select_related("organisation")
    )


def current_memberships_of(organisation: Organisation, role: str) -> QuerySet[Membership]:
    """The organisation's memberships of ``role`` valid today."""
    today = timezone.localdate()
    return (
        Membership.objects.filter(organisation=organisation, role=role, valid_from__lte=today)
        .exclude(valid_until__lt=today)
        .order_by("user__last_name", "user__first_name", "pk")
    )


def get_organisation_or_404(user, pk: int) -> Organisation:
    organisation = visible_organisations(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def get_evidence_or_404(user, pk: int) -> EligibilityEvidence:
    evidence = (
        EligibilityEvidence.objects.select_related("organisation")
        .filter(pk=pk, organisation__in=visible_organisations(user))
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def evidence_status(organisation: Organisation, day=None) -> list[dict]:
    """For each kind of evidence: the latest given, and whether it is valid on ``day``."""
    day = day or timezone.localdate()
    latest = {}
    for item in organisation.evidence.order_by("kind", "-given_on"):
        latest.setdefault(item.kind, item)
    return [
        {
            "kind": kind,
            "label": label,
            "evidence": latest.get(kind),
            "is_valid": bool(latest.get(kind) and latest[kind].is_valid_on(day)),
        }
        for kind, label in EligibilityEvidence.Kind.choices
    ]


def representations_of(organisation: Organisation) -> QuerySet[Representation]:
    """The organisation's representations that hold or wait: current, pending, or to come."""
    today = timezone.localdate()
    return (
        Representation.objects.filter(organisation=organisation, revoked_at__isnull=True)
        .filter(refused_at__isnull=True)
        .exclude(valid_until__lt=today)
        .select_related("person", "evidence", "approved_by")
        .order_by("role", "person__last_name", "person__first_name", "pk")
    )


def pending_representations(user) -> QuerySet[Representation]:
    """The proposals an officer decides on (none for anyone else)."""
    if not policy.has_role_permission(user, policy.HANDLE_CASE):
        return Representation.objects.none()
    return (
        Representation.objects.pending()
        .select_related("person", "organisation", "evidence", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def get_pending_representation_or_404(user, pk: int) -> Representation:
    representation = pending_representations(user).filter(pk=pk).first()
    if representation is None:
        raise Http404
    return representation


def get_revocable_representation_or_404(user, pk: int) -> Representation:
    """A representation not yet revoked, for an officer or a signatory of its organisation."""
    representation = (
        Representation.objects.filter(pk=pk, revoked_at__isnull=True)
        .select_related("person", "organisation")
        .first()
    )
    if representation is None or not (
        policy.has_role_permission(user, policy.HANDLE_CASE)
        or policy.is_signatory_for(user, representation.organisation_id)
    ):
        raise Http404
    return representation


def organisation_acted_for_or_404(user, pk: int, *, signatory: bool = False) -> Organisation:
    """An idea-based organisation ``user`` acts for (signs for, with ``signatory``)."""
    holds = policy.is_signatory_for if signatory else policy.acts_for
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not organisation.is_idea_based or not holds(user, pk):
        raise Http404
    return organisation


def members_of(organisation: Organisation) -> QuerySet[User]:
    """The people who act for the organisation today (by membership or representation)."""
    return policy.holders_of(policy.ACT_FOR_ORGANISATION, organisation).order_by(
        "last_name", "first_name", "pk"
    )
