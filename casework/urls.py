from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("<str:case_number>/", views.case_detail, name="case_detail"),
    path("<str:case_number>/comments/", views.comment_create, name="comment_create"),
    path("<str:case_number>/clock/<slug:action>/", views.clock_action, name="clock_action"),
]
