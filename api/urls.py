from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("payouts", views.PayoutViewSet, basename="payout")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
]
