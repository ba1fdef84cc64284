from django.urls import path

from .views import training as views

urlpatterns = [
    path("utbildning/", views.training, name="training"),
    path(
        "utbildning/tillfallen/<int:pk>/narvaro/",
        views.training_attendance,
        name="training_attendance",
    ),
]
