"""Coordinators keep the catalogue of funding sources that the source finder ranks."""

from django.db import transaction

from casework import events

from .. import policy
from ..actions import FundingAction
from ..models import FundingSource


@transaction.atomic
def funding_source_save(
    *, source: FundingSource, acting_user, challenge_areas=(), **fields
) -> FundingSource:
    """Create a source (``source`` unsaved) or change one; the audit log says who did what."""
    policy.ensure_maintains_catalogue(acting_user)
    created = source.pk is None
    # Compare with what is stored: a bound ModelForm has already set its values on ``source``.
    before = FundingSource() if created else FundingSource.objects.get(pk=source.pk)
    changed = sorted(name for name, value in fields.items() if getattr(before, name) != value)
    for name, value in fields.items():
        setattr(source, name, value)
    source.full_clean()
    source.save()
    source.challenge_areas.set(challenge_areas)
    events.record(
        source,
        acting_user,
        FundingAction.FUNDING_SOURCE_CREATED if created else FundingAction.FUNDING_SOURCE_CHANGED,
        data={"fields": changed},
    )
    return source
