"""Sessions end after a while without activity, and all at once when an account is closed
(``end_sessions_of``, called by ``organisations.signals``).

``SESSION_COOKIE_AGE`` bounds a session's whole life; ``SESSION_IDLE_TIMEOUT`` (seconds) ends
it earlier when the person has done nothing for that long: a computer left unlocked in an
office or a library does not stay logged in for the rest of the working day.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.utils import timezone

_LAST_SEEN = "last_seen"
_RESOLUTION = 60  # seconds: idle time is measured to the minute


class IdleTimeoutMiddleware:
    """Log out a person whose previous request is older than ``SESSION_IDLE_TIMEOUT``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= _RESOLUTION or _LAST_SEEN not in request.session:
                # Writing the session on every request would cost a write per page view.
                request.session[_LAST_SEEN] = now
        response = self.get_response(request)
        if request.user.is_authenticated and _LAST_SEEN not in request.session:
            # This request logged the person in: their idle time starts now.
            request.session[_LAST_SEEN] = int(time.time())
        return response


def end_sessions_of(user) -> int:
    """Delete every stored session of ``user``; returns how many ended.

    The session table is not keyed by user, so each live session is decoded: fine for the
    thousands of sessions of one municipality's staff and associations.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
