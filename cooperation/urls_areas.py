from django.urls import path

from .views import areas as views

urlpatterns = [
    path("omraden/", views.area_list, name="area_list"),
    path("omraden/nytt/", views.area_create, name="area_create"),
    path("omraden/<slug:slug>/", views.area_detail, name="area_detail"),
    path("omraden/<slug:slug>/stang/", views.area_close, name="area_close"),
    path("omraden/<slug:slug>/vardskap/nytt/", views.host_pair_create, name="host_pair_create"),
    path(
        "vardskap/<int:pk>/overenskommelse.pdf",
        views.host_assignment_pdf,
        name="host_assignment_pdf",
    ),
    path(
        "vardskap/<int:pk>/upprata-overenskommelse/",
        views.host_assignment_make,
        name="host_assignment_make",
    ),
    path("vardskap/<int:pk>/underteckna/", views.host_assignment_sign, name="host_assignment_sign"),
]
