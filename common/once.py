"""A form that creates something is acted on once, however often it is sent.

A double click, the back button and "send again", or a retry after a timeout all send the
same form twice. Such a form carries a one-time token in a hidden field (``OneTimeTokenField``)
and its view hands the action to ``act``, the one routine every view uses:

- the first sending of a token spends it and runs the action, which returns where to go;
  ``act`` remembers that address and redirects there;
- a repeat is not acted on: it goes where the first sending went (``default`` while the first
  is still being acted on), saying that nothing was done twice;
- when the action is refused (``ValidationError``, ``PermissionDenied``, ``Http404``) or breaks
  off (any exception), the token is forgotten and the exception goes on to the view, which shows
  the refusal: the same form can be corrected and sent again.

``repeat`` and ``went_to`` are for a view that recognises a repeat some other way (the
application already sent from another tab, the inquiry already ended) and answers it alike.

Spending a token is one atomic ``cache.add``, so two sendings that arrive at the same instant
cannot both pass: production needs a cache shared by every worker (``CACHE_URL``, Redis).
"""

import secrets
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.translation import gettext as _

FIELD_NAME = "form_token"
# How long a spent token is remembered: longer than anyone keeps a form open and resends it.
REMEMBER_SECONDS = 24 * 60 * 60
MAX_LENGTH = 64


class OneTimeTokenField(forms.CharField):
    """A hidden field that holds a fresh token each time its form is shown."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=MAX_LENGTH, **kwargs)

    def get_bound_field(self, form, field_name):
        if not form.is_bound:
            self.initial = secrets.token_urlsafe(16)
        return super().get_bound_field(form, field_name)


def act(request, token: str, action: Callable[[], str], *, default: str, message: str = ""):
    """Run ``action`` on the first sending of ``token`` and redirect to the address it returns;
    answer a repeat with ``repeat`` instead. If ``action`` raises, ``token`` is forgotten and
    the exception propagates.

    A form without a token (a page rendered before this existed) is always acted on.
    """
    if token and not cache.add(_key(request, token), "", REMEMBER_SECONDS):
        return repeat(request, token, default=default, message=message)
    try:
        url = action()
    except BaseException:
        if token:
            cache.delete(_key(request, token))
        raise
    if token:
        cache.set(_key(request, token), url, REMEMBER_SECONDS)
    return redirect(url)


def went_to(request, token: str) -> str | None:
    """Where the first sending of ``token`` went: a URL, ``""`` while the first is still being
    acted on, ``None`` if the token was never spent."""
    if not token or len(token) > MAX_LENGTH:
        return None
    return cache.get(_key(request, token))


def repeat(request, token: str, *, default: str, message: str = ""):
    """The answer to a repeated sending: the page the first one went to (``default`` while
    the first is still being acted on), saying that nothing was done twice."""
    messages.info(request, message or _("This was already sent once; it was not saved again."))
    return redirect(went_to(request, token) or default)


def _key(request, token: str) -> str:
    return f"form-token:{request.user.pk}:{token}"
