"""The register at size: associations with a member and a signatory each, evidence, staff."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.utils import timezone

from demo import organisations as demo
from organisations.models import Board, EligibilityEvidence, Membership, Organisation, Role, User

PASSWORD = "bench-password-not-secret"  # noqa: S105 - bench database only


def build(*, organisations: int, officers: int) -> dict:
    """The demo register plus associations up to ``organisations``; returns the people."""
    with open("/dev/null", "w") as devnull:  # the register only: the bench makes its own people
        call_command("load_demo", "--only", "register", "programmes", stdout=devnull)
    password = make_password(PASSWORD)
    associations = _associations(organisations - Organisation.objects.count())
    members = _people_of(associations, password)
    _evidence(associations)
    return {"associations": associations, "members": members, **_staff(officers, password)}


def _associations(count: int) -> list[Organisation]:
    rows = [
        Organisation(
            name=f"Förening {index}",
            kind=Organisation.Kind.ASSOCIATION,
            org_number=demo.org_number("803", index),
            city="Malmö",
            giro_kind=Organisation.GiroKind.BANKGIRO,
            giro_number=demo.bankgiro(index),
            email=f"forening{index}@example.org",
        )
        for index in range(1, max(count, 0) + 1)
    ]
    return Organisation.objects.bulk_create(rows, batch_size=2000)


def _people_of(associations, password) -> dict[int, User]:
    users = User.objects.bulk_create(
        [
            User(
                username=f"member{org.pk}",
                first_name="Medlem",
                last_name=org.name,
                email=f"member{org.pk}@example.org",
                password=password,
            )
            for org in associations
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=org, role=role)
            for user, org in zip(users, associations, strict=True)
            for role in (Role.MEMBER, Role.SIGNATORY)
        ],
        batch_size=4000,
    )
    return {org.pk: user for user, org in zip(users, associations, strict=True)}


def _evidence(associations) -> None:
    today = timezone.localdate()
    EligibilityEvidence.objects.bulk_create(
        [
            EligibilityEvidence(
                organisation=org,
                kind=kind,
                given_on=today - timedelta(days=30),
                expires_on=today + timedelta(days=700),
                value="48",
            )
            for org in associations
            for kind, _label in EligibilityEvidence.Kind.choices
        ],
        batch_size=5000,
    )


def staff_user(username: str, password: str, organisation, role, board=None) -> User:
    user = User.objects.create(
        username=username,
        first_name=role.label,
        last_name=username,
        email=f"{username}@example.org",
        password=password,
    )
    Membership.objects.create(user=user, organisation=organisation, role=role, board=board)
    return user


def _staff(officers: int, password: str) -> dict:
    city = Organisation.objects.get(name="Stadskontoret")
    leisure = Organisation.objects.get(name="Fritidsförvaltningen")
    return {
        "officers": [
            staff_user(f"officer{n}", password, city, Role.OFFICER) for n in range(officers)
        ],
        "delegate": staff_user("delegate", password, leisure, Role.DELEGATE),
        "coordinator": staff_user("coordinator", password, city, Role.COORDINATOR),
        "secretaries": {
            board.code: staff_user(
                f"secretary-{board.code}",
                password,
                board.administration,
                Role.BOARD_SECRETARY,
                board,
            )
            for board in Board.objects.all()
        },
    }
