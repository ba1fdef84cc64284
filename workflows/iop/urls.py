from django.urls import path, register_converter

from . import pages

app_name = "partnerships"


class CaseNumberConverter:
    """A case number (``SK-2026-00001``) always has dashes, so the IOP pages never catch
    viewflow's pages of the IOP flow, which share the ``/iop/`` prefix (``/iop/1/``,
    ``/iop/queue/``)."""

    regex = r"[A-Za-z]+-\d{4}-\d+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CaseNumberConverter, "case_number")

urlpatterns = [
    path("propose/", pages.propose, name="propose"),
    path("assignment/", pages.register_assignment, name="register_assignment"),
    path("<case_number:case_number>/", pages.inquiry_detail, name="inquiry"),
    path("<case_number:case_number>/end/", pages.end_inquiry, name="end"),
    path("<case_number:case_number>/terminate/", pages.terminate_agreement, name="terminate"),
    path(
        "<case_number:case_number>/procurement-override/",
        pages.procurement_override,
        name="procurement_override",
    ),
    path(
        "<case_number:case_number>/de-minimis/",
        pages.de_minimis_declaration,
        name="de_minimis_declaration",
    ),
    path("<case_number:case_number>/leave/", pages.leave_inquiry, name="leave"),
]
