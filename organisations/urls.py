from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("absence/", views.absences, name="absences"),
    path("absence/<int:pk>/delete/", views.absence_delete, name="absence_delete"),
]
