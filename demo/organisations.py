"""The register's demo data, from the seed documents (Malmö). No private persons' names.

Organisation numbers are made up (valid checksum, series 80xxxx for associations and
21xxxx for the municipality) so that no real register entry is misquoted.
"""

from stdnum import luhn

from organisations.models import Organisation

ADMINISTRATIONS = [
    "Stadskontoret",
    "Fritidsförvaltningen",
    "Kulturförvaltningen",
    "Arbetsmarknads- och socialförvaltningen",
    "Funktionsstödsförvaltningen",
    "Hälsa- vård- och omsorgsförvaltningen",
    "Förskoleförvaltningen",
    "Grundskoleförvaltningen",
    "Gymnasie- och vuxenutbildningsförvaltningen",
    "Miljöförvaltningen",
    "Stadsbyggnadskontoret",
    "Fastighets- och gatukontoret",
]

# (board, code, serving administration, committee of)
BOARDS = [
    ("Kommunstyrelsen", "ks", "Stadskontoret", None),
    ("Kommunstyrelsens arbetsutskott", "ksau", "Stadskontoret", "ks"),
    ("Arbetsmarknads- och socialnämnden", "asn", "Arbetsmarknads- och socialförvaltningen", None),
    ("Fritidsnämnden", "frn", "Fritidsförvaltningen", None),
    ("Kulturnämnden", "kn", "Kulturförvaltningen", None),
    ("Funktionsstödsnämnden", "fsn", "Funktionsstödsförvaltningen", None),
    ("Hälsa- vård- och omsorgsnämnden", "hvon", "Hälsa- vård- och omsorgsförvaltningen", None),
    ("Förskolenämnden", "fsk", "Förskoleförvaltningen", None),
    ("Grundskolenämnden", "gsn", "Grundskoleförvaltningen", None),
    (
        "Gymnasie- och vuxenutbildningsnämnden",
        "gyvn",
        "Gymnasie- och vuxenutbildningsförvaltningen",
        None,
    ),
    ("Miljönämnden", "mn", "Miljöförvaltningen", None),
    ("Stadsbyggnadsnämnden", "sbn", "Stadsbyggnadskontoret", None),
    ("Tekniska nämnden", "tn", "Fastighets- och gatukontoret", None),
]

IDEA_BASED = [
    ("Rädda Barnen", Organisation.Kind.ASSOCIATION),
    ("Röda Korset", Organisation.Kind.ASSOCIATION),
    ("Tillsammans i Förening", Organisation.Kind.ASSOCIATION),
    ("Växtverket", Organisation.Kind.ASSOCIATION),
    ("Helamalmö", Organisation.Kind.ASSOCIATION),
    ("Malmö Ideella", Organisation.Kind.ASSOCIATION),
    ("MISO", Organisation.Kind.ASSOCIATION),
    ("HISO", Organisation.Kind.ASSOCIATION),
    ("Sensus studieförbund", Organisation.Kind.OTHER_IDEA_BASED),
    ("Malmö universitet", Organisation.Kind.ACADEMIA),
]


def org_number(prefix: str, index: int) -> str:
    """A made-up organisation number with a valid check digit."""
    body = prefix + str(index).zfill(9 - len(prefix))
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


def bankgiro(index: int) -> str:
    body = f"55{index:04d}"
    digits = body + luhn.calc_check_digit(body)
    return f"{digits[:3]}-{digits[3:]}"
