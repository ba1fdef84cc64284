"""The cooperation surface's pages, under /samverkan/; each part adds its own patterns."""

app_name = "cooperation"

urlpatterns = []
