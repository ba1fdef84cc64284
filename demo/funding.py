"""Demo configuration: programmes modelled on Malmö's leisure board, and funding sources.

Amounts and conditions follow the seeds (DOMAIN.md). External sources are examples of the
kinds of funders that exist; their figures are indicative, not quoted from the funders.
Dates are relative to the day the demo is loaded so that the programmes are open.
"""

from decimal import Decimal

from organisations.models import EligibilityEvidence

ALL_EVIDENCE = [kind for kind, _label in EligibilityEvidence.Kind.choices]

# Per programme: its board's code, attachments, criteria (name, weight), delegation rules
# (up to amount, decider, point in the delegation order) and the days it opens and closes
# relative to today.
PROGRAMMES = {
    "utvecklingsbidrag": {
        "name": "Utvecklingsbidrag",
        "board": "frn",
        "description": "För föreningar som vill utveckla en ny idé för barn och unga. "
        "Att ha deltagit i en idéverkstad är ett villkor.",
        "budget": Decimal("1500000"),
        "max_amount": Decimal("100000"),
        "min_members": 25,
        "report_back_days": 60,
        "keywords": "ny idé, utveckla, utveckling, barn, unga, idéverkstad",
        "areas": ["ungas-halsa", "delaktighet"],
        "attachments": ["idea_workshop", "budget", "activity_plan"],
        "criteria": [
            ("Idén kommer från barn och unga själva", 3),
            ("Genomförbarhet och rimlig budget", 2),
            ("Når nya grupper", 2),
            ("Samverkan med andra", 1),
        ],
        "delegation": [
            (Decimal("20000"), "officer", "FRN 4.1"),
            (Decimal("50000"), "delegate", "FRN 4.2"),
            (None, "board", ""),
        ],
        "open": (-30, 60),
    },
    "lovaktivitetsbidrag": {
        "name": "Lovaktivitetsbidrag",
        "board": "frn",
        "description": "Bidrag för aktiviteter för barn och unga under skollov, högst "
        "50 000 kr per lov.",
        "budget": Decimal("600000"),
        "max_amount": Decimal("50000"),
        "min_members": 5,
        "report_back_days": 30,
        "keywords": "lov, sommarlov, lovaktivitet, barn, unga",
        "areas": ["ungas-halsa", "jamlik-fritid"],
        "attachments": ["activity_plan", "budget"],
        "criteria": [
            ("Aktiviteten är öppen och avgiftsfri", 2),
            ("Når barn och unga som annars inte deltar", 2),
            ("Genomförbarhet", 1),
        ],
        "delegation": [(Decimal("20000"), "officer", "FRN 4.3"), (None, "delegate", "FRN 4.4")],
        "open": (-10, 40),
    },
    "lokalbidrag": {
        "name": "Lokalbidrag",
        "board": "frn",
        "description": "39 kr per bidragsberättigad medlem och 69 kr per godkänd "
        "sammankomst, högst 75 % av lokalkostnaden.",
        "budget": Decimal("2000000"),
        "max_amount": Decimal("150000"),
        "min_members": 25,
        "report_back_days": 90,
        "keywords": "lokal, lokalhyra, hyra, föreningslokal",
        "areas": ["stadsliv"],
        "attachments": ["cost_basis"],
        "criteria": [("Lokalen används för föreningens verksamhet", 1)],
        "delegation": [(Decimal("75000"), "delegate", "FRN 4.5"), (None, "board", "")],
        "open": (-60, 120),
    },
}

# name, provider, kind, purpose, keywords, kinds, min, max, deadline (days), months, areas, url
SOURCES = [
    (
        "Bidrag till arbetsmarknadsinsatser i föreningslivet",
        "Arbetsmarknads- och socialnämnden",
        "city",
        "Föreningar som ger människor långt från arbetsmarknaden en väg in i arbete.",
        "arbete, sysselsättning, nyanlända, praktik, föreningslivet",
        ["association", "other_idea_based"],
        Decimal("50000"),
        Decimal("500000"),
        60,
        12,
        ["arbete"],
        "",
    ),
    (
        "Allmänna arvsfondens projektstöd",
        "Allmänna arvsfonden",
        "agency",
        "Nyskapande projekt för barn, unga och personer med funktionsnedsättning, upp till tre år.",
        "barn, unga, funktionsnedsättning, nyskapande, delaktighet",
        ["association", "foundation", "other_idea_based"],
        Decimal("100000"),
        Decimal("6000000"),
        None,
        36,
        ["ungas-halsa", "delaktighet"],
        "https://www.arvsfonden.se",
    ),
    (
        "Projektbidrag för ungas organisering",
        "Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)",
        "agency",
        "Projekt som stärker ungas inflytande och organisering.",
        "unga, inflytande, demokrati, organisering",
        ["association"],
        Decimal("50000"),
        Decimal("1500000"),
        45,
        24,
        ["delaktighet"],
        "https://www.mucf.se",
    ),
    (
        "Stöd till insatser mot segregation",
        "Länsstyrelsen Skåne",
        "agency",
        "Insatser som minskar segregation och stärker etablering i arbete och samhälle.",
        "segregation, integration, arbete, etablering, nyanlända",
        ["association", "foundation", "other_idea_based"],
        Decimal("50000"),
        Decimal("1000000"),
        -5,
        12,
        ["arbete", "delaktighet"],
        "https://www.lansstyrelsen.se/skane",
    ),
    (
        "Europeiska socialfonden+ (ESF+)",
        "Svenska ESF-rådet",
        "eu",
        "Större projekt för arbete, utbildning och social inkludering.",
        "arbete, utbildning, inkludering, sysselsättning",
        [],
        Decimal("1000000"),
        None,
        90,
        36,
        ["arbete"],
        "https://www.esf.se",
    ),
    (
        "Erasmus+ ungdom",
        "Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)",
        "eu",
        "Ungdomsutbyten och deltagandeprojekt för unga i Europa.",
        "unga, utbyte, europa, deltagande, fritid",
        ["association", "other_idea_based"],
        None,
        Decimal("500000"),
        30,
        24,
        ["jamlik-fritid", "delaktighet"],
        "https://www.erasmusplus.se",
    ),
    (
        "Stiftelsens bidrag till lokal kultur",
        "En lokal kulturstiftelse (exempel)",
        "foundation",
        "Mindre bidrag till kultur- och fritidsaktiviteter i staden.",
        "kultur, fritid, musik, teater, lov",
        [],
        None,
        Decimal("40000"),
        None,
        12,
        ["jamlik-fritid", "stadsliv"],
        "",
    ),
]
