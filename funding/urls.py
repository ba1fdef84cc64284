from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("sources/", views.source_finder, name="sources"),
    path("catalogue/", views.source_list, name="source_list"),
    path("catalogue/new/", views.source_edit, name="source_create"),
    path("catalogue/<int:pk>/", views.source_edit, name="source_edit"),
    path("apply/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/project/", views.application_project, name="application_project"),
    path("applications/<int:pk>/money/", views.application_money, name="application_money"),
    path(
        "applications/<int:pk>/attachments/",
        views.application_attachments,
        name="application_attachments",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("applications/<int:pk>/check/", views.application_check, name="application_check"),
    path("organisations/<int:pk>/", views.organisation_funding, name="organisation_funding"),
    path(
        "boards/<slug:board_code>/delegated-decisions/",
        views.delegated_decisions,
        name="delegated_decisions",
    ),
    path(
        "boards/<slug:board_code>/delegated-decisions/pdf/",
        views.delegated_decisions_pdf,
        name="delegated_decisions_pdf",
    ),
]
