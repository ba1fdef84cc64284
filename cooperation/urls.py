"""The cooperation surface's pages, under /samverkan/; each part adds its own patterns."""

from . import urls_directory, urls_training

app_name = "cooperation"

urlpatterns = []
urlpatterns += urls_directory.urlpatterns
urlpatterns += urls_training.urlpatterns
