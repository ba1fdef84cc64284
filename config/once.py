"""A form that creates something is acted on once, however often it is sent.

A double click, the back button and "send again", or a retry after a timeout all send the
same form twice. Such a form carries a one-time token in a hidden field (``OneTimeTokenField``);
the view calls ``first_time(request, token)`` before its service and, on a repeat, shows the
result of the first sending instead of acting again. Spending a token is one atomic
``cache.add``, so two sendings that arrive at the same instant cannot both pass: production
needs a cache shared by every worker (``CACHE_URL``, Redis).
"""

import secrets

from django import forms
from django.core.cache import cache

FIELD_NAME = "form_token"
# How long a spent token is remembered: longer than anyone keeps a form open and resends it.
REMEMBER_SECONDS = 24 * 60 * 60


class OneTimeTokenField(forms.CharField):
    """A hidden field that holds a fresh token each time its form is shown."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=64, **kwargs)

    def get_bound_field(self, form, field_name):
        if not form.is_bound:
            self.initial = secrets.token_urlsafe(16)
        return super().get_bound_field(form, field_name)


def first_time(request, token: str) -> bool:
    """True the first time this person sends ``token``; False for every repeat.

    A form without a token (a page rendered before this existed) is always acted on.
    """
    if not token:
        return True
    return cache.add(f"form-token:{request.user.pk}:{token}", 1, REMEMBER_SECONDS)


def forget(request, token: str) -> None:
    """Make ``token`` usable again: the sending it belonged to was refused and changed nothing."""
    if token:
        cache.delete(f"form-token:{request.user.pk}:{token}")
