"""Load the demo register, challenge areas and (in demo mode only) the demo accounts."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casework.demo import CHALLENGE_AREAS, PRIORITY_THEMES
from casework.models import ChallengeArea, PriorityTheme
from organisations import demo
from organisations.models import Board, EligibilityEvidence, Membership, Organisation, Role, User

# username, first name, last name (a role, never a person's name), superuser, memberships
ACCOUNTS = [
    ("admin", "Administratör", "", True, []),
    ("handlaggare", "Handläggare", "Stadskontoret", False, [("Stadskontoret", Role.OFFICER, None)]),
    (
        "samordnare",
        "Samordnare",
        "Stadskontoret",
        False,
        [("Stadskontoret", Role.COORDINATOR, None)],
    ),
    (
        "delegat",
        "Beslutsfattare",
        "Fritidsförvaltningen",
        False,
        [("Fritidsförvaltningen", Role.DELEGATE, None)],
    ),
    (
        "fritidsnamnden",
        "Nämndsekreterare",
        "Fritidsnämnden",
        False,
        [("Fritidsförvaltningen", Role.BOARD_SECRETARY, "frn")],
    ),
    (
        "kulturnamnden",
        "Nämndsekreterare",
        "Kulturnämnden",
        False,
        [("Kulturförvaltningen", Role.BOARD_SECRETARY, "kn")],
    ),
    (
        "kommunstyrelsen",
        "Nämndsekreterare",
        "Kommunstyrelsen",
        False,
        [("Stadskontoret", Role.BOARD_SECRETARY, "ks")],
    ),
    (
        "raddabarnen",
        "Föreningsrepresentant",
        "Rädda Barnen",
        False,
        [("Rädda Barnen", Role.MEMBER, None), ("Rädda Barnen", Role.SIGNATORY, None)],
    ),
    (
        "vaxtverket",
        "Föreningsrepresentant",
        "Växtverket",
        False,
        [("Växtverket", Role.MEMBER, None), ("Växtverket", Role.SIGNATORY, None)],
    ),
]
DEMO_PASSWORD = "demo"  # noqa: S105 - demo accounts exist only with DEMO_MODE on


class Command(BaseCommand):
    help = "Load the demo register (boards, organisations, challenge areas) and demo accounts."

    @transaction.atomic
    def handle(self, *args, **options):
        self._challenge_areas()
        organisations = self._organisations()
        self._boards(organisations)
        self._evidence(organisations)
        call_command("load_funding_demo", stdout=self.stdout)
        if settings.DEMO_MODE:
            self._accounts(organisations)
            self.stdout.write("Demo accounts loaded (password “demo”).")
            # The seed IOP cases, walked through the real flow by the demo accounts.
            call_command("load_iop_demo", stdout=self.stdout)
        else:
            self.stdout.write("DEMO_MODE is off: no demo accounts were created.")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def _challenge_areas(self):
        for position, (name, slug, description) in enumerate(CHALLENGE_AREAS, start=1):
            ChallengeArea.objects.update_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )
        for year, title, description in PRIORITY_THEMES:
            PriorityTheme.objects.update_or_create(
                year=year, defaults={"title": title, "description": description}
            )

    def _organisations(self):
        result = {}
        rows = [(name, Organisation.Kind.ADMINISTRATION, "212000") for name in demo.ADMINISTRATIONS]
        rows += [(name, kind, "802") for name, kind in demo.IDEA_BASED]
        for index, (name, kind, prefix) in enumerate(rows, start=1):
            defaults = {"kind": kind, "org_number": demo.org_number(prefix, index), "city": "Malmö"}
            if kind != Organisation.Kind.ADMINISTRATION:
                defaults.update(
                    giro_kind=Organisation.GiroKind.BANKGIRO,
                    giro_number=demo.bankgiro(index),
                    email=f"kontakt{index}@example.org",
                )
            organisation, _ = Organisation.objects.get_or_create(name=name, defaults=defaults)
            organisation.full_clean()
            result[name] = organisation
        return result

    def _boards(self, organisations):
        boards = {}
        for name, code, administration, parent in demo.BOARDS:
            boards[code], _ = Board.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "administration": organisations[administration],
                    "parent": boards.get(parent),
                },
            )

    def _evidence(self, organisations):
        today = timezone.localdate()
        for name in ("Rädda Barnen", "Växtverket", "Tillsammans i Förening"):
            organisation = organisations[name]
            for kind, _label in EligibilityEvidence.Kind.choices:
                EligibilityEvidence.objects.get_or_create(
                    organisation=organisation,
                    kind=kind,
                    defaults={
                        "given_on": today - timedelta(days=60),
                        "expires_on": today + timedelta(days=305),
                        "value": "48" if kind == "member_count" else "",
                    },
                )

    def _accounts(self, organisations):
        if not settings.DEMO_MODE:
            raise CommandError("Demo accounts are only created with DEMO_MODE on.")
        for username, first, last, superuser, memberships in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "is_superuser": superuser,
                    "is_staff": superuser,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            for organisation, role, board_code in memberships:
                Membership.objects.get_or_create(
                    user=user,
                    organisation=organisations[organisation],
                    role=role,
                    board=Board.objects.get(code=board_code) if board_code else None,
                )
