"""Nothing a signed-in person sees is kept by a browser, a shared computer's cache or a proxy.

Pages, exports, API answers and downloads for a signed-in person (a session, or an API token
in the ``Authorization`` header) carry ``Cache-Control: no-store``; public pages (the register,
the accessibility statement) may be cached as before.
"""

from django.utils.cache import add_never_cache_headers


class NoStoreWhenSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)
        return response
