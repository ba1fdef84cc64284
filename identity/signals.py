"""Every login is recorded: a password login here; an OIDC login by its return view
(identity.views.ProviderCallbackView), which knows the provider and the level."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services


@receiver(user_logged_in)
def record_password_login(sender, request, user, **kwargs):
    if request is None or hasattr(user, "oidc_login"):
        return
    services.login_record_password(request=request, user=user)
