from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from config.site import site
from identity import views as identity_views
from organisations import two_factor
from organisations import views as organisation_views
from workflows import views as workflow_views

admin.site.site_header = admin.site.site_title = "Samverkansportalen"

urlpatterns = [
    path("", workflow_views.home, name="home"),
    path("tasks/", include("workflows.urls")),
    path("notifications/", include("notifications.urls")),
    path("accounts/login/", identity_views.LoginView.as_view(), name="login"),
    path("accounts/e-id/", include("identity.urls")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/setup/", two_factor.otp_setup, name="otp_setup"),
    path("accounts/two-factor/", two_factor.otp_verify, name="otp_verify"),
    path("i18n/setlang/", organisation_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("cases/", include("casework.urls")),
    path("organisations/", include("organisations.urls")),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
    path("documents/", include("documents.urls")),
    path("funding/", include("workflows.funding.urls")),
    path("iop/", include("workflows.iop.urls")),
    path("followup/", include("followup.urls")),
    path("public/", include("openness.urls")),
    path("exports/", include("openness.export_urls")),
    path("public-records/", include("openness.disclosure_urls")),
    path("api/", include("api.urls")),
    path("accounts/api-tokens/", include("api.token_urls")),
    path("accessibility/", include("accessibility.urls")),
    path("privacy/", include("privacy.urls")),
    path("records/", include("records.urls")),
    path("samverkan/", include("cooperation.urls")),
    path("", site.urls),
]
