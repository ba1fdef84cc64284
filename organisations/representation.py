"""The right to represent an idea-based organisation: proposed from evidence and approved by an
officer, taken from the e-ID broker's ``orgAffiliation`` claim, or given by a signatory's
invitation; ended by its validity or by revocation (docs/register.md, "Representation").

Who holds a current representation is read by ``organisations.policy``; this module changes
representations.
"""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from common import uploads

from . import policy
from .models import (
    EligibilityEvidence,
    Membership,
    Organisation,
    Representation,
    RepresentationInvitation,
    Role,
    User,
)
from .signals import representation_ended

INVITATION_LIFETIME = timedelta(days=14)


def _ensure_officer(user, message: str) -> None:
    if not policy.has_role_permission(user, policy.HANDLE_CASE):
        raise PermissionDenied(message)


@transaction.atomic
def representation_propose(
    *,
    organisation: Organisation,
    acting_user: User,
    people: list[User],
    protocol,
    protocol_date: date,
    valid_until: date,
) -> list[Representation]:
    """A member of the association uploads the minutes (protocol) of the board meeting that
    named its signatories and proposes who signs: one pending representation per person, for
    an officer to approve or refuse. The file passes the upload checks (virus scan, type)."""
    if not policy.acts_for(acting_user, organisation.pk):
        raise PermissionDenied(_("Only a member of the organisation proposes its signatories."))
    if not people:
        raise ValidationError({"people": _("Choose at least one person who signs.")})
    if valid_until <= protocol_date:
        raise ValidationError(
            {"valid_until": _("The right to sign must end after the meeting that gave it.")}
        )
    uploads.check_upload(protocol)
    evidence = EligibilityEvidence.objects.create(
        organisation=organisation,
        kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT,
        given_on=protocol_date,
        expires_on=valid_until + timedelta(days=1),  # the evidence's expiry is excluded
        file=protocol,
        recorded_by=acting_user,
    )
    return [
        Representation.objects.create(
            person=person,
            organisation=organisation,
            role=Role.SIGNATORY,
            basis=Representation.Basis.EVIDENCE,
            valid_from=protocol_date,
            valid_until=valid_until,
            evidence=evidence,
            proposed_by=acting_user,
        )
        for person in people
    ]


def _pending(representation: Representation) -> Representation:
    locked = Representation.objects.select_for_update().get(pk=representation.pk)
    if locked.approved_at or locked.refused_at or locked.revoked_at:
        raise ValidationError(_("This proposal has already been decided."))
    return locked


@transaction.atomic
def representation_approve(*, representation: Representation, acting_user: User):
    """An officer approves a proposed representation on its evidence."""
    _ensure_officer(acting_user, _("Only an officer approves a right to represent."))
    representation = _pending(representation)
    representation.approved_by = acting_user
    representation.approved_at = timezone.now()
    representation.save(update_fields=["approved_by", "approved_at"])
    return representation


@transaction.atomic
def representation_refuse(*, representation: Representation, acting_user: User, reason: str):
    """An officer refuses a proposed representation, saying why (the association sees it)."""
    _ensure_officer(acting_user, _("Only an officer refuses a right to represent."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the proposal is refused.")})
    representation = _pending(representation)
    representation.refused_by = acting_user
    representation.refused_at = timezone.now()
    representation.refusal_reason = reason.strip()
    representation.save(update_fields=["refused_by", "refused_at", "refusal_reason"])
    return representation


@transaction.atomic
def representation_revoke(*, representation: Representation, acting_user: User, reason: str):
    """An officer, or a signatory of the organisation, ends a representation now: the tasks
    the person holds for the organisation go back to the queue when this commits."""
    may_revoke = policy.has_role_permission(
        acting_user, policy.HANDLE_CASE
    ) or policy.is_signatory_for(acting_user, representation.organisation_id)
    if not may_revoke:
        raise PermissionDenied(_("Only an officer or a signatory revokes a representation."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the representation is revoked.")})
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    if representation.revoked_at:
        raise ValidationError(_("This representation has already been revoked."))
    representation.revoked_by = acting_user
    representation.revoked_at = timezone.now()
    representation.revocation_reason = reason.strip()
    representation.save(update_fields=["revoked_by", "revoked_at", "revocation_reason"])
    person, organisation = representation.person, representation.organisation
    transaction.on_commit(
        lambda: representation_ended.send(
            sender=Representation, person=person, organisation=organisation
        )
    )
    return representation


def representation_from_membership(*, membership: Membership) -> Representation:
    """The representation a signatory membership's approved right to sign gives (the register
    as administrators kept it before representations: ``services.signatory_approve``)."""
    evidence = membership.signing_evidence
    last_day = evidence.expires_on - timedelta(days=1)
    representation, _created = Representation.objects.update_or_create(
        person=membership.user,
        organisation=membership.organisation,
        role=Role.SIGNATORY,
        basis=Representation.Basis.EVIDENCE,
        evidence=evidence,
        revoked_at=None,
        defaults={
            "valid_from": max(membership.valid_from, evidence.given_on),
            "valid_until": min(membership.valid_until or last_day, last_day),
            "approved_by": membership.signing_approved_by,
            "approved_at": membership.signing_approved_at,
        },
    )
    return representation


def parse_org_affiliation(claim: str) -> str:
    """The organisation number (NNNNNN-NNNN) in an OIDC Sweden ``orgAffiliation`` claim.

    The claim is ``<the person's identifier at the organisation>@<organisation number>``; a
    claim the other way round (the number first), or the number alone (as the login keeps it),
    is read too. A ValidationError for anything without a valid Swedish organisation number
    (python-stdnum's ``se.orgnr``).
    """
    head, at, tail = (claim or "").strip().rpartition("@")
    for part in (tail, head) if at else (tail,):
        try:
            return orgnr.format(orgnr.validate(part))
        except StdnumError:
            continue
    raise ValidationError(_("The organisation affiliation from the e-ID service is not valid."))


@transaction.atomic
def representation_from_broker(*, user: User, org_affiliation: str, at: datetime):
    """After an e-ID login whose broker sent ``orgAffiliation``: the person represents that
    organisation as its signatory for the day of the login (``at``), on the broker's word.

    Returns the representation, or None when the organisation is not in the register (or not
    an idea-based one). A ValidationError for a claim without a valid organisation number.
    """
    number = parse_org_affiliation(org_affiliation)
    organisation = Organisation.objects.filter(org_number=number, is_active=True).first()
    if organisation is None or not organisation.is_idea_based:
        return None
    day = timezone.localdate(at)
    representation, _created = Representation.objects.update_or_create(
        person=user,
        organisation=organisation,
        role=Role.SIGNATORY,
        basis=Representation.Basis.BROKER,
        valid_from=day,
        revoked_at=None,
        defaults={"valid_until": day, "approved_at": at, "proposed_at": at},
    )
    return representation


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(
    *, organisation: Organisation, email: str, acting_user: User, accept_url
) -> RepresentationInvitation:
    """A signatory invites someone by e-mail to act for the organisation. ``accept_url`` makes
    the link from the token (which is kept only as its SHA-256)."""
    if not policy.is_signatory_for(acting_user, organisation.pk):
        raise PermissionDenied(_("Only a signatory of the organisation invites members."))
    token = secrets.token_urlsafe(32)
    invitation = RepresentationInvitation.objects.create(
        organisation=organisation,
        email=email,
        digest=_digest(token),
        invited_by=acting_user,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    link = accept_url(token)
    transaction.on_commit(
        lambda: send_mail(
            _("Invitation to act for %(organisation)s") % {"organisation": organisation},
            _(
                "%(person)s invites you to act for %(organisation)s in the portal. Log in and "
                "open this link within 14 days to accept:\n\n%(link)s"
            )
            % {"person": acting_user, "organisation": organisation, "link": link},
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Representation:
    """The invited person, logged in, accepts: a member representation from today, given by
    the signatory who invited them. Works once, before the invitation expires."""
    invitation = (
        RepresentationInvitation.objects.select_for_update()
        .filter(digest=_digest(token or ""), accepted_at__isnull=True)
        .select_related("organisation", "invited_by")
        .first()
    )
    now = timezone.now()
    if invitation is None or invitation.expires_at <= now:
        raise ValidationError(_("This invitation is not valid: it has expired or been used."))
    invitation.accepted_by = user
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    return Representation.objects.create(
        person=user,
        organisation=invitation.organisation,
        role=Role.MEMBER,
        basis=Representation.Basis.INVITATION,
        valid_from=timezone.localdate(now),
        proposed_by=invitation.invited_by,
        approved_by=invitation.invited_by,
        approved_at=now,
    )
