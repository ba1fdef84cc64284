"""Swedish by default: the portal's language is the one the person chose, never the browser's.

Django's ``LocaleMiddleware`` follows the browser's Accept-Language, so a Swedish officer whose
browser is set to English got the whole portal in English. Here the language is, in order:
the one chosen on the person's profile (``User.language``, set by the language control while
logged in), the one an anonymous visitor chose (Django's language cookie, set by
``set_language``), else ``LANGUAGE_CODE`` (Swedish).
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


def chosen_language(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in _SUPPORTED:
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in _SUPPORTED else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activates the chosen language (after authentication, which it reads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
