from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from . import policy
from .models import EligibilityEvidence, Membership, Organisation, Role


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
