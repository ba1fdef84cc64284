"""Staff list downloads, one URL per list and format (no format parameter in the path)."""

from django.urls import path

from . import export_views

app_name = "exports"


def _both(route: str, view, name: str) -> list:
    return [
        path(f"{route}.{fmt}", view, {"fmt": fmt}, name=f"{name}_{fmt}") for fmt in ("csv", "xlsx")
    ]


urlpatterns = [
    *_both("cases", export_views.cases, "cases"),
    *_both("applications", export_views.applications, "applications"),
    *_both("payouts", export_views.payouts, "payouts"),
    *_both(
        "boards/<slug:board_code>/delegated-decisions",
        export_views.delegated_decisions,
        "delegated_decisions",
    ),
]
