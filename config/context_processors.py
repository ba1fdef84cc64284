"""What the page shell (``templates/base.html``) needs to know about the person.

The menus are the same for everyone with the same answers here, so the shell caches them
by these answers and the language (the ``shell`` cache: each process's own memory).
"""

from organisations import policy


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # From the roles the request has read already, unlike ``perms``, which reads every
    # permission of the person (two more queries on every page).
    return {
        "sees_all_cases": policy.sees_all_cases(user),
        "manages_records": user.is_superuser
        or policy.has_role_permission(user, policy.MANAGE_RECORDS),
    }
