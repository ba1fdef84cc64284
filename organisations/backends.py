from django.contrib.auth.backends import ModelBackend

from . import policy


class RoleBackend(ModelBackend):
    """Password login, plus the permissions that a person's roles grant (see policy).

    Global permissions come from staff roles; object permissions (acting for one organisation
    or board) come from memberships and are checked against that object only.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return super().get_all_permissions(user_obj) | set(policy.roles_of(user_obj).permissions)

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if obj is not None:
            return policy.has_object_permission(user_obj, perm, obj)
        # A role's permission is known from the roles read for this request already; only
        # the others need the permission tables (two queries).
        return perm in policy.roles_of(user_obj).permissions or super().has_perm(user_obj, perm)
