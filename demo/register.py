"""The demo register (challenge areas, organisations, boards, evidence) and, in demo mode only,
the demo accounts."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from casework.models import ChallengeArea, PriorityTheme
from demo import organisations as demo
from demo.casework import CHALLENGE_AREAS, PRIORITY_THEMES
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


def load(out) -> None:
    """Challenge areas, priority themes, organisations, boards and eligibility evidence."""
    _challenge_areas()
    organisations = _organisations()
    _boards(organisations)
    _evidence(organisations)
    out.write("Demo register loaded.")


def load_accounts(out) -> None:
    """The demo accounts and their memberships (demo mode only; after ``load``)."""
    if not settings.DEMO_MODE:
        raise CommandError("Demo accounts are only created with DEMO_MODE on.")
    for username, first, last, superuser, memberships in ACCOUNTS:
        user = demo_account(
            username,
            first_name=first,
            last_name=last,
            is_superuser=superuser,
            is_staff=superuser,
        )
        for organisation, role, board_code in memberships:
            Membership.objects.get_or_create(
                user=user,
                organisation=Organisation.objects.get(name=organisation),
                role=role,
                board=Board.objects.get(code=board_code) if board_code else None,
            )
    out.write("Demo accounts loaded (password “demo”).")


def demo_account(username: str, **fields) -> User:
    """A demo account with the password "demo", flagged as one: production refuses to start
    while one exists (``organisations.checks``). Accounts loaded before the flag get it."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={**fields, "email": f"{username}@example.org", "is_demo": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    elif not user.is_demo:
        user.is_demo = True
        user.save(update_fields=["is_demo"])
    return user


def _challenge_areas():
    for position, (name, slug, description) in enumerate(CHALLENGE_AREAS, start=1):
        ChallengeArea.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for year, title, description in PRIORITY_THEMES:
        PriorityTheme.objects.update_or_create(
            year=year, defaults={"title": title, "description": description}
        )


def _organisations():
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


def _boards(organisations):
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


def _evidence(organisations):
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
