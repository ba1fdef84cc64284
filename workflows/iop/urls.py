from django.urls import path

from . import pages

app_name = "partnerships"

urlpatterns = [
    path("propose/", pages.propose, name="propose"),
    path("assignment/", pages.register_assignment, name="register_assignment"),
    path("<str:case_number>/", pages.inquiry_detail, name="inquiry"),
]
