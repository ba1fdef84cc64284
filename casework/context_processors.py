from django.conf import settings

from organisations import policy


def portal(request):
    user = getattr(request, "user", None)
    return {
        "CITY_NAME": settings.CITY_NAME,
        "is_staff_member": bool(user and user.is_authenticated and policy.is_staff_member(user)),
        "may_reassign_tasks": bool(
            user and user.is_authenticated and policy.may_reassign_tasks(user)
        ),
        "approves_representations": bool(
            user and user.is_authenticated and policy.has_role_permission(user, policy.HANDLE_CASE)
        ),
    }
