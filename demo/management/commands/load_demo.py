"""``manage.py load_demo``: everything ``make demo`` shows, loaded in order, each part in its own
transaction. Safe to run again: every part adds only what is missing.

With DEMO_MODE off (the bench) only the register, the records schedule, the programmes and their
publication are loaded: the other parts make accounts, or are made by them.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import (
    applications,
    claims,
    cooperation_areas,
    cooperation_directory,
    delegations,
    dialogues,
    earchive,
    euro_rates,
    followup,
    identity,
    iop,
    iop_demand,
    letters,
    openness,
    programmes,
    records,
    register,
)
from demo.signing import signing_service

# The parts in the order they are loaded: each needs the ones before it.
PARTS = {
    "register": register.load,  # challenge areas, organisations, boards, evidence
    "records_schedule": records.load_schedule,  # before any case closes: retention at closing
    "programmes": programmes.load,  # funding programmes and sources
    "euro_rates": euro_rates.load,  # the euro rate the de minimis ledger counts at
    "accounts": register.load_accounts,
    "delegations": delegations.load,  # who holds which point of the delegation order
    "iop": iop.load,  # the three seed IOP inquiries, walked through the flow
    "identity": identity.load,  # the local e-ID provider and the accounts' test numbers
    "applications": applications.load,  # a funding application in every state
    "claims": claims.load,  # a repayment claim and a demand for a decision answered
    "iop_demand": iop_demand.load,  # an IOP proposal's demand for a decision answered
    "letters": letters.load,  # a partial grant, delegated decisions reported to a meeting
    "followup": followup.load,  # sections of this year's annual report
    "cooperation_directory": cooperation_directory.load,  # directory profiles, training
    "openness": openness.load,  # two programmes publish their grants
    "earchive": earchive.load,  # a closed case exported to the e-archive
    "records": records.load,  # records managers, a disposal list waiting for review
    "dialogues": dialogues.load,  # a documented dialogue whose next step became an IOP proposal
    "cooperation_areas": cooperation_areas.load,  # hosts, needs and offers, a confirmed match
}
DEMO_MODE_ONLY = {
    "accounts",
    "delegations",
    "iop",
    "identity",
    "applications",
    "claims",
    "iop_demand",
    "letters",
    "followup",
    "cooperation_directory",
    "earchive",
    "records",
    "dialogues",
    "cooperation_areas",
}


class Command(BaseCommand):
    help = "Load the demo data: register, programmes and (in demo mode) accounts and cases."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            nargs="+",
            choices=list(PARTS),
            metavar="PART",
            help=f"Load only these parts, still in their order: {', '.join(PARTS)}.",
        )

    def handle(self, *args, only=None, **options):
        chosen = [part for part in PARTS if only is None or part in only]
        skipped = [part for part in chosen if part in DEMO_MODE_ONLY and not settings.DEMO_MODE]
        # The local signing service's time stamps are served while the demo signs and seals.
        with signing_service(self.stdout):
            for part in chosen:
                if part not in skipped:
                    with transaction.atomic():
                        PARTS[part](self.stdout)
        if skipped:
            names = ", ".join(skipped)
            self.stdout.write(f"DEMO_MODE is off: no demo accounts were created, nor {names}.")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
