from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("queue/", views.queue, name="queue"),
    path("team/", views.team, name="team"),
]
