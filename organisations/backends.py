from django.contrib.auth.backends import ModelBackend

from . import policy


class RoleBackend(ModelBackend):
    """Password login, plus the permissions that a person's roles grant (see policy)."""

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return super().get_all_permissions(user_obj) | set(policy.roles_of(user_obj).permissions)
