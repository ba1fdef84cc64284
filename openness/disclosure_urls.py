from django.urls import path

from . import disclosure_views as views

app_name = "disclosure"

urlpatterns = [
    path("cases/<str:case_number>/", views.case_requests, name="case_requests"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/records/<int:item_pk>/review/", views.item_review, name="item_review"),
    path("<int:pk>/copy.zip", views.request_copy, name="request_copy"),
]
