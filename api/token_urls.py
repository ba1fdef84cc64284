from django.urls import path

from . import pages

app_name = "api_tokens"

urlpatterns = [
    path("", pages.tokens, name="tokens"),
    path("<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
]
