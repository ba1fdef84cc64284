from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.annual_report, name="annual_report"),
    path("report/pdf/", views.annual_report_pdf, name="annual_report_pdf"),
    path("report/memo/pdf/", views.annual_report_memo_pdf, name="annual_report_memo_pdf"),
    path("report/sections/", views.narrative_sections, name="narrative_sections"),
    path("report/sections/<int:pk>/", views.narrative_section_edit, name="narrative_section_edit"),
    path("mapping/", views.mapping, name="mapping"),
]
