"""Who may hold an API token. A token reads what its user sees in the portal, so a staff
member's token opens every case: it is as strong as the account behind it."""

from django.conf import settings

from organisations import two_factor


def lacks_second_factor(user) -> bool:
    """A staff member (or administrator) without a confirmed second factor, where the portal
    requires one (``REQUIRE_STAFF_OTP``): such an account gets no token, and a token it holds
    is refused until the second factor is enrolled again."""
    return (
        settings.REQUIRE_STAFF_OTP
        and two_factor.needs_second_factor(user)
        and not two_factor.has_second_factor(user)
    )
