from django.urls import path

from .views import yearly_report as views

urlpatterns = [
    path("rapport/avsnitt/", views.sector_sections, name="sector_sections"),
    path("rapport/avsnitt/<int:pk>/", views.sector_section_edit, name="sector_section_edit"),
]
