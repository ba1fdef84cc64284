"""Demo sections of text for this year's annual report, after the shape of seed 004.

Demo mode only, after the demo accounts: written by the coordinator. Safe to run again: a
section whose heading exists for the year is left alone.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from followup.models import NarrativeSection
from followup.services import narrative_section_save
from organisations.models import User

SECTIONS = [
    (
        NarrativeSection.Topic.EVENTS,
        "Dialogforum och idéverkstad",
        "Dialogforumet samlade deltagare från idéburna organisationer, stadens förvaltningar "
        "och akademin kring årets prioriterade område. Deltagarna valde själva vilka ämnen de "
        "ville fördjupa sig i.\n\nForumet följdes upp av en idéverkstad där deltagarna arbetade "
        "vidare med hur de i samverkan kan åstadkomma förändring inom samma teman.",
    ),
    (
        NarrativeSection.Topic.EDUCATION,
        "Lärandeluncher",
        "Lärandeluncher är ett informellt sätt att dela kunskap om samverkan och innovation. "
        "Träffarna hålls tillsammans med stadens förvaltningar, utifrån deras uppdrag och "
        "föreningarnas behov.",
    ),
    (
        NarrativeSection.Topic.COMMUNICATION,
        "Kommunikation",
        "Kommunikationen ska bidra till delaktighet, kunskap och samverkan: väcka engagemang "
        "bland offentliga aktörer och föreningsaktiva och sprida kunskap om jämlikhet, "
        "inkludering och delaktighet.",
    ),
]


def load(out) -> None:
    """This year's demo sections, written as the coordinator."""
    if not settings.DEMO_MODE:
        raise CommandError("DEMO_MODE is off: no demo sections were written.")
    author = User.objects.filter(username="samordnare").first()
    if author is None:
        raise CommandError("Load the demo accounts first: the coordinator's account is missing.")
    year = timezone.localdate().year
    for position, (topic, heading, text) in enumerate(SECTIONS, start=1):
        if NarrativeSection.objects.filter(year=year, heading=heading).exists():
            continue
        narrative_section_save(
            acting_user=author, year=year, topic=topic, heading=heading, text=text,
            position=position,
        )  # fmt: skip
    out.write(f"Demo sections of the annual report {year} loaded.")
