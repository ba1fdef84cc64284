"""The application's URLs, plus the minimal flow's pages (bench settings only)."""

from django.urls import path
from viewflow.workflow.flow import FlowViewset

from config.urls import urlpatterns as application_urlpatterns

from .flows import MinimalFlow

urlpatterns = [path("bench-minimal/", FlowViewset(MinimalFlow).urls), *application_urlpatterns]
