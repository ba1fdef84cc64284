"""A documented dialogue in the shape of seed 002 (the documentation of a conference on
municipal and idea-based co-creation), without private persons' names: the participants are
organisations, the reflections and next steps are the seed's. One next step became an
initiative of Växtverket, and the initiative a new IOP proposal, traced back to the dialogue.
(Kraftsamling Herrgården stays the executive board's assignment it is in the seeds.)

Safe to run again: a dialogue that exists already (by its title) is left as it is. Everything
is done through the services, as the demo accounts would do it on the pages."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.models import ChallengeArea
from cooperation.models import Event
from cooperation.services import dialogues as services
from organisations.models import Board, Organisation, User

TITLE = "Dialogforum: kommunalt och idéburet medskapande"
AREA = "arbete"  # Nya vägar till arbete och aktivitet
CONTRIBUTIONS = [
    (
        "Röda Korset",
        "Berättade om samverkan med värdar och frivilliga insatser på sjukhusen, som nu har ett "
        "samarbetsavtal i form av IOP.",
        "Politisk intention, tydlighet och långsiktighet. Ömsesidig vilja och respekt. Öppen "
        "dialog mellan alla parter. Våga skapa nytt utanför boxen.",
    ),
    (
        "Rädda Barnen",
        "Berättade om sitt arbete med samverkansfrågor och lokal utveckling.",
        "Lyssna på alla parter. Ett konkret projekt att samlas kring. Tillit och förtroende. "
        "Utveckla metoder för medskapande.",
    ),
    (
        "Växtverket",
        "Berättade om sin långa tradition av lokal samverkan inom arbetsmarknadsområdet.",
        "Holistisk syn på hela människan. Social mobilisering. Öppna människor, öppna "
        "verksamheter, öppna processer. Samtal mellan människor skapar mötesplatser.",
    ),
    (
        "Stadskontoret",
        "Berättade om kartläggningen av samverkansprocesser mellan idéburna organisationer och "
        "staden.",
        "Nytt förhållningssätt. Gemensamma begrepp. Processen i sig är det viktiga. Skynda "
        "långsamt.",
    ),
]
SUMMARY = (
    "Storytelling och harvesting: fyra berättelser om samverkan, med reflektioner om mod, "
    "genombrott, ledarskap och ägarskap. Övningen 35:an gav en gemensam prioriteringslista: "
    "skolan och fritiden; integration och tillgänglighet; ungas väg till arbetslivet. "
    "World Café om hur fler engageras och vad som saknas för att samverka bättre."
)
REFLECTIONS = (
    "Kreativa mötesplatser mellan och inom sektorerna. Bygg relationer och tillit. Tydliggör "
    "nyttan av samverkan. Börja i det lilla med ett tillåtande förhållningssätt. Jobba "
    "långsiktigt. Vårda och stötta initiativ som kommer fram."
)
INITIATIVE_STEP = "Sommarjobb och praktik för unga genom föreningarna"
NEXT_STEPS = [
    ("Skapa lokala mötesplatser mellan föreningar och förvaltningar", "Stadskontoret"),
    (INITIATIVE_STEP, "Växtverket"),
    ("En årlig träff mellan sektorerna", "Samordnarna"),
]


def load(out) -> None:
    """The held and documented dialogue, its initiative and the IOP proposal it became (demo
    mode only; after the demo accounts)."""
    if not settings.DEMO_MODE or Event.objects.filter(title=TITLE).exists():
        return
    with transaction.atomic():
        initiative = _dialogue()
    out.write(f"Demo dialogue loaded; its initiative became {initiative.iop_inquiry.case}.")


def _dialogue():
    coordinator = User.objects.get(username="samordnare")
    member = User.objects.get(username="vaxtverket")
    held = timezone.now() - timedelta(days=30)
    event = services.event_plan(
        acting_user=coordinator,
        organisers=[User.objects.get(username="handlaggare")],
        kind=Event.Kind.DIALOGUE_FORUM,
        challenge_area=ChallengeArea.objects.get(slug=AREA),
        title=TITLE,
        description="Hur kan samverkan möta framtidens utmaningar? En dag med tre metoder för "
        "deltagande och gemensam utveckling.",
        starts_at=held,
        ends_at=held + timedelta(hours=6),
        place="Medborgarhuset",
        capacity=130,
        is_published=True,
    )
    names = [name for name, _brought, _reflections in CONTRIBUTIONS]
    organisations = Organisation.objects.filter(name__in=names)
    services.event_invite(event=event, acting_user=coordinator, organisations=organisations)
    for username in ("vaxtverket", "raddabarnen"):
        person = User.objects.get(username=username)
        organisation = person.memberships.first().organisation
        services.event_register(event=event, acting_user=person, organisation=organisation)
    services.attendance_record(
        event=event,
        acting_user=coordinator,
        attended=event.registrations.values_list("pk", flat=True),
    )
    documentation = services.documentation_save(
        event=event,
        acting_user=coordinator,
        summary=SUMMARY,
        reflections=REFLECTIONS,
        contributions=[
            {
                "participant": name,
                "organisation": organisations.filter(name=name).first(),
                "brought": brought,
                "reflections": reflections,
            }
            for name, brought, reflections in CONTRIBUTIONS
        ],
        next_steps=[services.StepInput(text, who) for text, who in NEXT_STEPS],
    )
    initiative = services.initiative_start(
        step=documentation.next_steps.get(text=INITIATIVE_STEP),
        acting_user=coordinator,
        title="Sommarjobb för unga i föreningslivet",
        description="Växtverket och fritidsförvaltningen ger unga sommarjobb och praktik i "
        "föreningarnas verksamhet, med handledning av föreningarnas ledare.",
        organisation=member.memberships.first().organisation,
    )
    services.initiative_propose_iop(
        initiative=initiative,
        acting_user=member,
        boards=[Board.objects.get(code="frn")],
        title="Sommarjobb för unga i föreningslivet",
        purpose="Unga får sommarjobb och praktik i föreningarnas verksamhet.",
        target_group="Unga 16–19 år",
        public_benefit_goal="Fler unga hittar en väg till arbete och aktivitet.",
        contributions="Växtverket: handledare och verksamhet. Staden: lön för sommarjobben.",
        challenge_area=initiative.challenge_area,
    )
    initiative.refresh_from_db()
    return initiative
