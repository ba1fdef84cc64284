"""Who may do what with the records: the records manager (arkivarie) and administrators."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from organisations.policy import MANAGE_RECORDS


def may_manage_records(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(MANAGE_RECORDS))


def ensure_may_manage_records(user) -> None:
    if not may_manage_records(user):
        raise PermissionDenied("Only a records manager manages the records.")


def ensure_may_review(user, disposal_list) -> None:
    """The four-eyes rule: the person who built a list does not review it."""
    ensure_may_manage_records(user)
    if disposal_list.built_by_id == user.pk:
        raise ValidationError(
            _("You built this list: another records manager reviews it."), code="own_list"
        )
