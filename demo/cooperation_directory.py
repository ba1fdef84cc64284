"""Demo directory profiles, training sessions with attendance used as evidence, and the
organisation coordinating the idea-based sector's side of this year's report (seeds 001, 003,
004: Malmö Ideella, MISO and HISO in the steering group; "Medskapa förändring"; idea workshops).

Demo mode only, after the demo accounts: the coordinator records attendance. No person is named.
Safe to run again: what exists is left alone.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from casework.models import ChallengeArea
from cooperation.models import (
    Course,
    DirectoryProfile,
    SectorCoordination,
    TrainingRegistration,
    TrainingSession,
)
from cooperation.models.directory import codes_text
from cooperation.services.training import training_attendance_record
from organisations.models import EligibilityEvidence, Organisation, User

# name, what it does, districts, target groups, published
PROFILES = [
    (
        "Rädda Barnen",
        "Läxhjälp, sommaraktiviteter och stöd till barn och familjer. Vi samverkar gärna med "
        "skolor och fritidsgårdar.",
        ["soder", "oster"],
        ["barn"],
        True,
    ),
    (
        "Röda Korset",
        "Språkcaféer, träffpunkter och stöd till nyanlända; frivilliga som kan möta fler.",
        ["hela-staden"],
        ["nyanlanda", "vuxna"],
        True,
    ),
    (
        "Växtverket",
        "Odling och möten i stadsdelen: gemensamma odlingar där grannar lär känna varandra.",
        ["innerstaden"],
        ["alla"],
        True,
    ),
    (
        "Helamalmö",
        "Ett utkast som föreningen ännu inte har publicerat.",
        ["norr"],
        ["barn"],
        False,
    ),
]


def load(out) -> None:
    if not settings.DEMO_MODE:
        raise CommandError("DEMO_MODE is off: no directory or training was loaded.")
    coordinator = User.objects.filter(username="samordnare").first()
    if coordinator is None:
        raise CommandError("Load the demo accounts first: the coordinator's account is missing.")
    _profiles()
    _training(coordinator)
    year = timezone.localdate().year
    SectorCoordination.objects.get_or_create(
        year=year, defaults={"organisation": Organisation.objects.get(name="Malmö Ideella")}
    )
    out.write("Demo directory profiles and training sessions loaded.")


def _profiles() -> None:
    areas = list(ChallengeArea.objects.filter(is_active=True)[:2])
    for index, (name, text, districts, groups, published) in enumerate(PROFILES):
        organisation = Organisation.objects.get(name=name)
        profile, created = DirectoryProfile.objects.get_or_create(
            organisation=organisation,
            defaults={
                "what_we_do": text,
                "districts": codes_text(districts),
                "target_groups": codes_text(groups),
                "is_published": published,
                "published_at": timezone.now() if published else None,
            },
        )
        if created and areas:
            profile.challenge_areas.set([areas[index % len(areas)]])


def _training(coordinator) -> None:
    today = timezone.localdate()
    workshop, _ = Course.objects.get_or_create(
        title="Idéverkstad",
        defaults={
            "description": "En verkstad där idéburna aktörer och staden tar fram idéer "
            "tillsammans; krävs före ett utvecklingsbidrag.",
            "evidence_kind": EligibilityEvidence.Kind.IDEA_WORKSHOP,
            "validity_days": 730,
        },
    )
    cocreation, _ = Course.objects.get_or_create(
        title="Medskapa förändring",
        defaults={
            "description": "Utbildning i medskapande metodik för samverkan.",
            "evidence_kind": EligibilityEvidence.Kind.CO_CREATION_TRAINING,
            "validity_days": 1095,
        },
    )
    held, _ = TrainingSession.objects.get_or_create(
        course=workshop, defaults={"held_on": today - timedelta(days=30), "place": "Stadshuset"}
    )
    TrainingSession.objects.get_or_create(
        course=cocreation, defaults={"held_on": today + timedelta(days=30), "place": "Stadshuset"}
    )
    attending = Organisation.objects.get(name="Röda Korset")
    registration, _ = TrainingRegistration.objects.get_or_create(
        session=held, organisation=attending, defaults={"participants": 2}
    )
    if not registration.attended:
        training_attendance_record(
            acting_user=coordinator, session=held, attended_ids={registration.pk}
        )
