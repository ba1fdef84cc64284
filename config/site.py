"""The staff and portal shell: viewflow's Site with the Material frontend.

Each flow is an application of ``site`` (its inbox, queue and archive), case-scoped by
``workflows.scoping``. Our own pages (start page, cases, register) live outside the Site's URL tree;
``SiteShellMiddleware`` renders them inside the same shell and menu.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow.urls import Application, Site

from workflows.funding.flows import FundingApplicationFlow
from workflows.iop.flows import IOPFlow
from workflows.scoping import CaseScopedFlowAppViewset


class PortalApp(Application):
    title = _("Samverkansportalen")
    icon = "home"
    app_name = "portal"
    menu_template_name = "portal/app_menu.html"

    index_path = path("", RedirectView.as_view(pattern_name="home"), name="index")


portal_app = PortalApp()

site = Site(
    title=_("Samverkansportalen"),
    primary_color="#1d4f91",
    secondary_color="#b0351f",
    viewsets=[
        portal_app,
        CaseScopedFlowAppViewset(
            FundingApplicationFlow, icon="payments", portal_url_name="funding:overview"
        ),
        CaseScopedFlowAppViewset(IOPFlow, icon="handshake", portal_url_name="home"),
    ],
)


class SiteShellMiddleware:
    """Give pages outside the Site's URL tree the Site's shell (menu, header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        match = request.resolver_match
        if match is not None and getattr(match, "site", None) is None:
            match.site = site
            match.app = site.viewsets[0]
        return None
