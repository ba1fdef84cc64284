from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("", views.due, name="due"),
    path("schedule/", views.schedule, name="schedule"),
    path("lists/", views.lists, name="lists"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/review/", views.list_review, name="list_review"),
    path("lists/<int:pk>/execute/", views.list_execute, name="list_execute"),
    path("holds/", views.holds, name="holds"),
    path("holds/<int:pk>/lift/", views.hold_lift, name="hold_lift"),
]
