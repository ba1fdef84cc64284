from django.urls import path

from . import views
from .signing import views as signing_views

app_name = "documents"

urlpatterns = [
    path("case/<str:case_number>/", views.case_documents, name="case_documents"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/preview/", views.document_preview, name="document_preview"),
    path("<int:pk>/pdf/", views.document_download, name="document_download"),
    path("<int:pk>/render/", views.document_render_again, name="document_render_again"),
    path("signings/<int:pk>/pdf/", signing_views.signing_pdf, name="signing_pdf"),
    path("signings/<int:pk>/report/", signing_views.signing_report, name="signing_report"),
]
