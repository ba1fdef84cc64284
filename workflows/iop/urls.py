from django.urls import path, re_path

from . import pages

app_name = "partnerships"

# A case number (``SK-2026-00001``) always has dashes: the pattern must not catch viewflow's
# pages of the IOP flow, which share the ``/iop/`` prefix (``/iop/1/``, ``/iop/queue/``).
CASE_NUMBER = r"(?P<case_number>[A-Za-z]+-\d{4}-\d+)"

urlpatterns = [
    path("propose/", pages.propose, name="propose"),
    path("assignment/", pages.register_assignment, name="register_assignment"),
    re_path(rf"^{CASE_NUMBER}/$", pages.inquiry_detail, name="inquiry"),
    re_path(rf"^{CASE_NUMBER}/end/$", pages.end_inquiry, name="end"),
]
