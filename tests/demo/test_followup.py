"""The annual report of the demo year: the seed cases, walked through the real flows."""

import io
import os

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from followup import selectors
from followup.models import NarrativeSection
from organisations.models import User
from partnerships.models import IOPInquiry


def test_the_demo_years_report_renders_with_the_seed_cases_and_sections(client, demo_data):
    call_command("load_demo", "--only", "followup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_demo", "--only", "followup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    year = timezone.localdate().year
    inquiries = list(IOPInquiry.objects.select_related("case"))
    started = [i for i in inquiries if timezone.localtime(i.case.registered_at).year == year]
    active = [i for i in inquiries if i.status == "active"]

    report = selectors.annual_report(year)
    assert report.iop_started == len(started) == 3
    assert report.agreements_active == len(active) == 1
    assert len(report.agreements[0].parties) == 6
    assert NarrativeSection.objects.filter(year=year).count() == 3

    client.force_login(User.objects.get(username="samordnare"))
    page = client.get(reverse("followup:annual_report"))
    assert page.status_code == 200
    assert "Lärandeluncher" in page.content.decode()
    pdf = client.get(reverse("followup:annual_report_pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert report.agreements[0].case_number in text
    assert "Lärandeluncher" in text
