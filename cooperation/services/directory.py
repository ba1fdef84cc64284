"""Writing, publishing and withdrawing an organisation's directory profile, and contacting it."""

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events
from notifications.models import Kind
from notifications.services import notify
from organisations import policy as org_policy
from organisations.models import Organisation, Role
from organisations.selectors import current_memberships_of

from ..actions import DirectoryAction
from ..models.directory import DirectoryProfile, codes_text


def ensure_acts_for(user, organisation: Organisation) -> None:
    """Only the organisation's own members write its profile; anyone else gets 404."""
    if not org_policy.acts_for(user, organisation.pk):
        raise Http404


@transaction.atomic
def profile_save(
    *,
    acting_user,
    organisation: Organisation,
    what_we_do: str,
    districts: list[str],
    target_groups: list[str],
    challenge_areas,
    website: str = "",
    contact_person: str = "",
    contact_person_consents: bool = False,
) -> DirectoryProfile:
    """Write the profile. A contact person is kept only with their consent, recorded now."""
    ensure_acts_for(acting_user, organisation)
    profile, _created = DirectoryProfile.objects.select_for_update().get_or_create(
        organisation=organisation, defaults={"what_we_do": what_we_do}
    )
    profile.what_we_do = what_we_do
    profile.districts = codes_text(districts)
    profile.target_groups = codes_text(target_groups)
    profile.website = website
    if contact_person and contact_person_consents:
        if contact_person != profile.contact_person or not profile.contact_person_consent_at:
            profile.contact_person_consent_at = timezone.now()
        profile.contact_person = contact_person
    else:
        profile.contact_person, profile.contact_person_consent_at = "", None
    profile.updated_by = acting_user
    profile.full_clean()
    profile.save()
    profile.challenge_areas.set(challenge_areas)
    events.record(profile, acting_user, DirectoryAction.PROFILE_SAVED)
    return profile


@transaction.atomic
def profile_publish(*, acting_user, profile: DirectoryProfile) -> DirectoryProfile:
    ensure_acts_for(acting_user, profile.organisation)
    profile.is_published, profile.published_at = True, timezone.now()
    profile.save(update_fields=["is_published", "published_at", "search_text", "updated_at"])
    events.record(profile, acting_user, DirectoryAction.PROFILE_PUBLISHED)
    return profile


@transaction.atomic
def profile_withdraw(*, acting_user, profile: DirectoryProfile) -> DirectoryProfile:
    """Take the profile down at once: the directory reads ``is_published`` on every request."""
    ensure_acts_for(acting_user, profile.organisation)
    profile.is_published, profile.published_at = False, None
    profile.save(update_fields=["is_published", "published_at", "search_text", "updated_at"])
    events.record(profile, acting_user, DirectoryAction.PROFILE_WITHDRAWN)
    return profile


@transaction.atomic
def profile_contact(*, acting_user, profile: DirectoryProfile, message: str) -> int:
    """Send a message to the organisation's members in the portal (and by e-mail where they
    chose it). The sender never sees who they are or their addresses; the members see the
    sender's name and organisation to answer. Returns how many were told."""
    if not profile.is_published:
        raise Http404
    members = [
        membership.user
        for membership in current_memberships_of(profile.organisation, Role.MEMBER).select_related(
            "user"
        )
    ]
    sender = acting_user.get_full_name() or acting_user.get_username()
    told = notify(
        recipients=members,
        kind=Kind.DIRECTORY_MESSAGE,
        title=_("A message through the association directory from %(sender)s") % {"sender": sender},
        body=message,
        url=reverse("cooperation:directory_profile_edit", args=[profile.organisation_id]),
    )
    events.record(
        profile, acting_user, DirectoryAction.MESSAGE_SENT, data={"recipients": len(told)}
    )
    return len(told)
