from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("callback/", views.ProviderCallbackView.as_view(), name="callback"),
    path("logga-in-igen/", views.step_up, name="step_up"),
    path("<slug:slug>/", views.ProviderLoginView.as_view(), name="start"),
]
