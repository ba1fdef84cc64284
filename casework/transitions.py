"""Status changes in one place: a case object's django-fsm transition, applied and recorded.

A service locks its object, changes what the step changes, and hands the bound transition to
``apply`` (``apply(application.grant, acting_user=user, action=CaseAction.DECIDED)``). The
status fields are ``protected`` (``ProtectedStatus``): nothing else can set them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import FSMFieldMixin, can_proceed, has_transition_perm

from . import events
from .actions import AuditAction


class ProtectedStatus:
    """For a model whose FSM fields are ``protected=True``: such a field refuses to be set again
    once it holds a value, and ``refresh_from_db`` and ``full_clean`` set every field again.

    django-fsm's ``FSMModelMixin`` lifts the protection of the field, for every object of every
    thread, while one reload runs, and leaves it lifted when the reload fails. Here a reload
    lets go of the object's own loaded status first, and ``full_clean`` validates the status
    without setting it."""

    def _protected_statuses(self) -> set[str]:
        return {
            field.attname
            for field in self._meta.concrete_fields
            if isinstance(field, FSMFieldMixin) and field.protected
        }

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        loaded = {
            name
            for name in self._protected_statuses()
            if name in self.__dict__ and (fields is None or name in fields)
        }
        held = {name: self.__dict__.pop(name) for name in loaded}
        reload = {"using": using, "from_queryset": from_queryset}
        try:
            super().refresh_from_db(fields=fields, **reload)
            if fields is None and loaded:  # Django took them for deferred, and left them
                super().refresh_from_db(fields=loaded, **reload)
        except Exception:
            for name, value in held.items():
                self.__dict__.setdefault(name, value)
            raise

    def clean_fields(self, exclude=None) -> None:
        protected = self._protected_statuses() - set(exclude or ())
        errors = {}
        for name in protected:
            try:
                self._meta.get_field(name).clean(getattr(self, name), self)
            except ValidationError as error:
                errors[name] = error.error_list
        try:
            super().clean_fields(exclude={*(exclude or ()), *protected})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def check(transition, acting_user=None) -> None:
    """Refuse a transition the object's status does not allow now (``ValidationError``: the
    case has moved on since the page was drawn), or one the transition's permission denies the
    user (``PermissionDenied``). A timer acts without a user, and no permission is asked."""
    instance = transition.__self__
    if not can_proceed(transition):
        field = transition._django_fsm.field
        raise ValidationError(
            _("The case is no longer at a stage that allows this (it is “%(status)s”).")
            % {"status": getattr(instance, f"get_{field.name}_display")()},
            code="transition_refused",
        )
    if acting_user is not None and not has_transition_perm(transition, acting_user):
        raise PermissionDenied("The transition's permission is not yours.")


def apply(
    transition,
    *,
    acting_user,
    action: AuditAction,
    reason: str = "",
    data: dict | None = None,
):
    """Apply ``transition`` (a bound transition method), save its object, and record the
    change with its from and to states in the audit log, all in one transaction.

    The whole object is saved: what the service changed on it before is part of the step."""
    instance = transition.__self__
    field = transition._django_fsm.field.name
    with transaction.atomic():
        check(transition, acting_user)
        before = getattr(instance, field)
        transition()
        instance.save()
        events.record(
            instance,
            acting_user,
            action,
            from_state=before,
            to_state=getattr(instance, field),
            reason=reason,
            data=data,
        )
    return instance
