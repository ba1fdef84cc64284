"""The association's funding pages: the portal pages of ``funding`` and the submit view,
which starts the workflow (``funding`` itself never imports ``workflows``)."""

from django.urls import path

from funding.urls import app_name
from funding.urls import urlpatterns as portal_patterns

from . import claims, pages, rerouting

urlpatterns = [
    *portal_patterns,
    path("applications/<int:pk>/submit/", pages.application_submit, name="application_submit"),
    path("applications/<int:pk>/repayment/", claims.repayment, name="repayment"),
    path("applications/<int:pk>/decision-route/", rerouting.decision_route, name="decision_route"),
]

__all__ = ["app_name", "urlpatterns"]
