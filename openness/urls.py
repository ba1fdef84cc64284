from django.urls import path

from . import views

app_name = "openness"

urlpatterns = [
    path("", views.agreements, name="agreements"),
    path("grants/", views.grants, name="grants"),
]
