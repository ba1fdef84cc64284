"""Who sees and runs which dialogue, and who sees which initiative: the one rule for the
pages, the lists and the services.

Coordinators and officers plan events and see them all; an area's hosts plan, see and change
its events; an event's organisers (who planned it, and whom they named) run it; the members of
an invited organisation see it and register; a published event is shown to everyone. An
initiative is seen by coordinators and officers, the members of the organisation that carries
it and the organisers of the dialogue it came from. Anything else is a 404."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casework.models import ChallengeArea
from organisations import policy as org_policy
from organisations.models import Membership, Organisation, User

from ..models import Event, Initiative, Registration
from .areas import is_area_host


def oversees(user) -> bool:
    """Coordinators and officers: they plan events of every area and see every event."""
    return user.is_superuser or bool(
        {org_policy.COORDINATE, org_policy.HANDLE_CASE} & org_policy.roles_of(user).permissions
    )


def plannable_areas(user) -> QuerySet[ChallengeArea]:
    """The open areas ``user`` may plan events in: every one for those who oversee, the areas
    they host today for the hosts."""
    areas = ChallengeArea.objects.filter(is_active=True)
    if oversees(user):
        return areas
    if not getattr(user, "is_authenticated", False):
        return areas.none()
    return areas.filter(pk__in=[area.pk for area in areas if is_area_host(user, area)])


def may_plan(user, area: ChallengeArea | None = None) -> bool:
    """Whether ``user`` plans events: in ``area``, or in any area when none is named."""
    if area is None:
        return oversees(user) or plannable_areas(user).exists()
    return plannable_areas(user).filter(pk=area.pk).exists()


def visible_events(user) -> QuerySet[Event]:
    events = Event.objects.select_related("challenge_area")
    if oversees(user):
        return events
    if not getattr(user, "is_authenticated", False):
        return events.filter(is_published=True)
    roles = org_policy.roles_of(user)
    mine = roles.organisation_ids | roles.administration_ids
    return events.filter(
        Q(is_published=True)
        | Q(organisers=user)
        | Q(invitations__organisation__in=mine)
        | Q(challenge_area__in=plannable_areas(user))  # the area's hosts, who change them
    ).distinct()


def get_event_or_404(user, pk: int) -> Event:
    try:
        return visible_events(user).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def runs(user, event: Event) -> bool:
    """Organises ``event``: its organisers, and the coordinators and officers."""
    return oversees(user) or event.organisers.filter(pk=user.pk).exists()


def ensure_runs(user, event: Event) -> None:
    if not runs(user, event):
        raise PermissionDenied


def may_change(user, event: Event) -> bool:
    """Changes or cancels ``event``: those who run it and those who plan in its area (the
    area's hosts), as for planning it."""
    return runs(user, event) or may_plan(user, event.challenge_area)


def ensure_may_change(user, event: Event) -> None:
    if not may_change(user, event):
        raise PermissionDenied


def people_of(organisations: Iterable[Organisation]) -> QuerySet[User]:
    """The people an invitation of the organisations is addressed to, those who register for
    them (``registering_organisations``): a current membership (an administration's staff, an
    association's members) or a current representation (as a member or a signatory)."""
    today = timezone.localdate()
    ids = set()
    for organisation in organisations:
        for perm in (org_policy.ACT_FOR_ORGANISATION, org_policy.SIGN_FOR_ORGANISATION):
            ids |= set(org_policy.holders_of(perm, organisation).values_list("pk", flat=True))
        members = Membership.objects.filter(organisation=organisation, valid_from__lte=today)
        ids |= set(members.exclude(valid_until__lt=today).values_list("user_id", flat=True))
    return User.objects.filter(pk__in=ids, is_active=True)


def registering_organisations(user, event: Event) -> QuerySet[Organisation]:
    """The organisations ``user`` may register for: those they act or work for that are
    invited, or any of theirs when the event is published."""
    roles = org_policy.roles_of(user)
    mine = Organisation.objects.filter(pk__in=roles.organisation_ids | roles.administration_ids)
    if event.is_published:
        return mine
    return mine.filter(event_invitations__event=event)


def registrations(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("person", "organisation")


def registration_of(user, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(person=user)
        .first()
    )


def visible_initiatives(user) -> QuerySet[Initiative]:
    initiatives = Initiative.objects.select_related(
        "challenge_area", "organisation", "origin_event", "iop_inquiry__case"
    )
    if oversees(user):
        return initiatives
    roles = org_policy.roles_of(user)
    return initiatives.filter(
        Q(organisation__in=roles.organisation_ids) | Q(origin_event__organisers=user)
    ).distinct()


def get_initiative_or_404(user, pk: int) -> Initiative:
    try:
        return visible_initiatives(user).get(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None


def may_carry_on(user, initiative: Initiative) -> bool:
    """A member of the carrying organisation proposes the partnership, as for any proposal."""
    return (
        initiative.iop_inquiry_id is None
        and initiative.funding_application_id is None
        and initiative.organisation_id is not None
        and org_policy.acts_for(user, initiative.organisation_id)
    )
