"""Opening and closing challenge areas, and recording an area's host pair."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from casework import events
from casework.models import ChallengeArea
from organisations.models import Organisation

from ..actions import AreaAction
from ..models import Host, HostPair
from ..selectors.areas import may_manage_areas
from .host_assignment import host_assignment_request


def _ensure_manager(user) -> None:
    if not may_manage_areas(user):
        raise PermissionDenied


@transaction.atomic
def area_open(*, name: str, description: str, acting_user) -> ChallengeArea:
    """A new challenge area, open from today, with a page of its own."""
    _ensure_manager(acting_user)
    slug = slugify(name)[:60]
    if not slug or ChallengeArea.objects.filter(slug=slug).exists():
        raise ValidationError({"name": _("A challenge area with this name exists.")})
    area = ChallengeArea(
        name=name.strip(),
        slug=slug,
        description=description.strip(),
        position=ChallengeArea.objects.count() + 1,
        opened_on=timezone.localdate(),
    )
    area.full_clean()
    area.save()
    events.record(area, acting_user, AreaAction.AREA_OPENED)
    return area


@transaction.atomic
def area_close(*, area: ChallengeArea, acting_user) -> ChallengeArea:
    """Close an area: it takes no new needs, offers or hosts, and keeps its page and history."""
    _ensure_manager(acting_user)
    if not area.is_active:
        raise ValidationError(_("The challenge area is already closed."))
    area.is_active = False
    area.closed_on = timezone.localdate()
    area.save(update_fields=["is_active", "closed_on"])
    events.record(area, acting_user, AreaAction.AREA_CLOSED)
    return area


@transaction.atomic
def host_pair_record(
    *,
    area: ChallengeArea,
    organisation: Organisation,
    administration: Organisation,
    period_start: date,
    period_end: date,
    assignment: str,
    organisation_contribution: str = "",
    city_contribution: str = "",
    organisation_hosts=(),
    administration_hosts=(),
    acting_user,
) -> HostPair:
    """Record an area's hosts for a period and the assignment agreed with the idea-based
    host's organisation; the people named act as hosts and plan the area's events. The
    assignment is registered and produced as the agreement the parties sign."""
    _ensure_manager(acting_user)
    if not area.is_active:
        raise ValidationError(_("The challenge area is closed."))
    if organisation.kind == Organisation.Kind.ADMINISTRATION:
        raise ValidationError({"organisation": _("Choose an idea-based organisation.")})
    if administration.kind != Organisation.Kind.ADMINISTRATION:
        raise ValidationError({"administration": _("Choose a city administration.")})
    pair = HostPair(
        area=area,
        organisation=organisation,
        administration=administration,
        period_start=period_start,
        period_end=period_end,
        assignment=assignment.strip(),
        organisation_contribution=organisation_contribution.strip(),
        city_contribution=city_contribution.strip(),
        recorded_by=acting_user,
    )
    pair.full_clean()
    pair.save()
    Host.objects.bulk_create(
        [Host(pair=pair, user=user, side=Host.Side.ORGANISATION) for user in organisation_hosts]
        + [
            Host(pair=pair, user=user, side=Host.Side.ADMINISTRATION)
            for user in administration_hosts
            if user not in organisation_hosts
        ]
    )
    events.record(pair, acting_user, AreaAction.HOST_PAIR_RECORDED)
    # The assignment is made at once as the final agreement the two parties sign.
    host_assignment_request(pair=pair, acting_user=acting_user)
    pair.refresh_from_db()
    return pair
