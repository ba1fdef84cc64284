"""Business actions on the register that are more than an administrator's edit."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policy
from .models import EnrolmentCode, Membership, Role, User
from .representation import representation_from_membership

# An enrolment code is typed by hand: letters and digits that cannot be mistaken for each other,
# in groups of four. Twelve of them carry 60 bits, out of reach of guessing behind login
# throttling; the code lives three days.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12
ENROLMENT_CODE_LIFETIME = timedelta(days=3)


@transaction.atomic
def signatory_approve(*, membership: Membership, acting_user) -> Membership:
    """An officer approves a signatory's right to sign for the organisation, as the evidence
    linked to the membership shows it (a register extract or the minutes that name them):
    from now on the person signs for it, for as long as the evidence is valid (a representation
    on that evidence, approved by the officer)."""
    if not policy.has_role_permission(acting_user, policy.HANDLE_CASE):
        raise PermissionDenied(_("Only an officer approves a right to sign."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role != Role.SIGNATORY:
        raise ValidationError(_("%(person)s is not a signatory.") % {"person": membership.user})
    evidence = membership.signing_evidence
    if evidence is None:
        raise ValidationError(
            _("Link the evidence of %(person)s's right to sign first.")
            % {"person": membership.user}
        )
    if not evidence.is_valid_on(timezone.localdate()):
        raise ValidationError(_("The evidence of the right to sign is not valid today."))
    membership.signing_approved_by = acting_user
    membership.signing_approved_at = timezone.now()
    membership.save(update_fields=["signing_approved_by", "signing_approved_at"])
    representation_from_membership(membership=membership)
    return membership


def _digest(code: str) -> str:
    normalised = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normalised.encode()).hexdigest()


@transaction.atomic
def enrolment_code_issue(*, user: User, acting_user: User | None) -> tuple[str, EnrolmentCode]:
    """Issue a one-time code with which ``user`` pairs an authenticator app. The code is
    returned to be shown once and is kept only as its SHA-256; earlier unused codes of the
    person are revoked. ``acting_user`` is the administrator, or None on the server's command
    line."""
    if acting_user is not None and not acting_user.has_perm("organisations.add_enrolmentcode"):
        raise PermissionDenied(_("Only an administrator issues enrolment codes."))
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    code = "-".join(raw[i : i + 4] for i in range(0, _CODE_LENGTH, 4))
    record = EnrolmentCode.objects.create(
        user=user,
        digest=_digest(code),
        issued_by=acting_user,
        expires_at=now + ENROLMENT_CODE_LIFETIME,
    )
    return code, record


@transaction.atomic
def enrolment_code_redeem(*, user: User, code: str) -> bool:
    """Spend ``user``'s enrolment code: True once for a code issued to them that has neither
    expired nor been used; False for anything else, which tells nothing more."""
    now = timezone.now()
    record = (
        EnrolmentCode.objects.select_for_update()
        .filter(user=user, digest=_digest(code), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if record is None:
        return False
    record.used_at = now
    record.save(update_fields=["used_at"])
    return True
