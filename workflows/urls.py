from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("queue/", views.queue, name="queue"),
    path("team/", views.team, name="team"),
    path("<int:task_pk>/pass-on/", views.pass_on, name="pass_on"),
    path("<int:task_pk>/open/", views.task_open, name="task_open"),
]
