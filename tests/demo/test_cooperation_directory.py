"""The demo's directory and training: published profiles only, attendance used as evidence."""

import os

from django.core.management import call_command
from django.utils import timezone

from cooperation.models import DirectoryProfile, TrainingRegistration
from funding.eligibility import evidence_problems
from funding.models import FundingProgramme
from organisations.models import EligibilityEvidence, Organisation


def test_the_demo_publishes_profiles_and_records_training_attendance_as_evidence(client, demo_data):
    for _ in range(2):
        call_command(
            "load_demo",
            "--only",
            "cooperation_directory",
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
    page = client.get("/samverkan/foreningar/").content.decode()
    assert "Rädda Barnen" in page and "Språkcaféer" in page
    assert "Helamalmö" not in page  # its profile is a draft
    assert DirectoryProfile.objects.count() == 4
    assert TrainingRegistration.objects.filter(attended=True).count() == 1

    red_cross = Organisation.objects.get(name="Röda Korset")
    evidence = red_cross.evidence.get(kind=EligibilityEvidence.Kind.IDEA_WORKSHOP)
    assert evidence.is_valid_on(timezone.localdate())
    programme = FundingProgramme.objects.first()
    programme.evidence_requirements.all().delete()
    programme.evidence_requirements.create(kind=EligibilityEvidence.Kind.IDEA_WORKSHOP)
    assert [p for p in evidence_problems(red_cross, programme) if "idéverkstad" in p.message] == []
