"""Business actions on the register that are more than an administrator's edit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policy
from .models import Membership, Role


@transaction.atomic
def signatory_approve(*, membership: Membership, acting_user) -> Membership:
    """An officer approves a signatory's right to sign for the organisation, as the evidence
    linked to the membership shows it (a register extract or the minutes that name them):
    from now on the person signs for it, for as long as the evidence is valid."""
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
    return membership
