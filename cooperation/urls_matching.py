from django.urls import path

from .views import matching as views

urlpatterns = [
    path("behov-och-erbjudanden/", views.listing_list, name="listing_list"),
    path("behov-och-erbjudanden/nytt/", views.listing_create, name="listing_create"),
    path("behov-och-erbjudanden/<int:pk>/", views.listing_detail, name="listing_detail"),
    path(
        "behov-och-erbjudanden/<int:pk>/publicera/",
        views.listing_publish,
        name="listing_publish",
    ),
    path(
        "behov-och-erbjudanden/<int:pk>/intresse/<int:other_pk>/",
        views.match_interest,
        name="match_interest",
    ),
    path("matchningar/<int:pk>/bekrafta/", views.match_confirm, name="match_confirm"),
]
