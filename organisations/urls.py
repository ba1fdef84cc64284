from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/representation/", views.representation_list, name="representation_list"),
    path(
        "<int:pk>/representation/propose/",
        views.representation_propose,
        name="representation_propose",
    ),
    path("<int:pk>/representation/invite/", views.invitation_send, name="invitation_send"),
    path("representation/", views.representation_worklist, name="representation_worklist"),
    path(
        "representation/<int:pk>/decide/",
        views.representation_decide,
        name="representation_decide",
    ),
    path(
        "representation/<int:pk>/revoke/",
        views.representation_revoke,
        name="representation_revoke",
    ),
    path("invitation/", views.invitation_accept, name="invitation_accept"),
    path("absence/", views.absences, name="absences"),
    path("absence/<int:pk>/delete/", views.absence_delete, name="absence_delete"),
]
