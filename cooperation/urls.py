"""The cooperation surface's pages, under /samverkan/; each part adds its own patterns."""

from django.urls import include, path

app_name = "cooperation"

urlpatterns = [
    path("", include("cooperation.urls_areas")),
    path("", include("cooperation.urls_matching")),
]
