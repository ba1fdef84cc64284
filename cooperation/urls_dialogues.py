"""Dialogues and workshops, and the initiatives that come out of them."""

from django.urls import path

from .views import dialogues as views
from .views import dialogues_after as after

urlpatterns = [
    path("dialoger/", views.events, name="events"),
    path("dialoger/ny/", views.event_new, name="event_new"),
    path("dialoger/<int:pk>/", views.event, name="event"),
    path("dialoger/<int:pk>/andra/", views.event_change, name="event_change"),
    path("dialoger/<int:pk>/stall-in/", views.event_cancel, name="event_cancel"),
    path("dialoger/<int:pk>/inbjudningar/", views.event_invite, name="event_invite"),
    path("dialoger/<int:pk>/anmalan/", views.event_register, name="event_register"),
    path("dialoger/<int:pk>/avanmalan/", views.event_unregister, name="event_unregister"),
    path("dialoger/<int:pk>/narvaro/", views.event_attendance, name="event_attendance"),
    path("dialoger/<int:pk>/dokumentation/", after.documentation, name="event_documentation"),
    path("dialoger/<int:pk>/filer/", views.event_file_add, name="event_file_add"),
    path("dialoger/<int:pk>/filer/<int:file_pk>/", views.event_file, name="event_file"),
    path("nasta-steg/<int:step_pk>/initiativ/", after.initiative_new, name="initiative_new"),
    path("initiativ/<int:pk>/", after.initiative, name="initiative"),
    path("initiativ/<int:pk>/iop/", after.initiative_propose, name="initiative_propose"),
    path("initiativ/<int:pk>/bidrag/", after.initiative_apply, name="initiative_apply"),
]
