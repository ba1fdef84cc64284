"""The cooperation surface's pages, under /samverkan/; each part adds its own patterns."""

from django.urls import include, path

from . import urls_directory, urls_training, urls_yearly_report

app_name = "cooperation"

urlpatterns = [
    path("", include("cooperation.urls_dialogues")),
    path("", include("cooperation.urls_areas")),
    path("", include("cooperation.urls_matching")),
]
urlpatterns += urls_directory.urlpatterns
urlpatterns += urls_training.urlpatterns
urlpatterns += urls_yearly_report.urlpatterns
