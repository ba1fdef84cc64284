from django.urls import path

from .views import directory as views

urlpatterns = [
    path("foreningar/", views.directory, name="directory"),
    path("foreningar/<int:pk>/kontakta/", views.directory_contact, name="directory_contact"),
    path(
        "foreningar/profil/<int:organisation_pk>/",
        views.directory_profile_edit,
        name="directory_profile_edit",
    ),
]
