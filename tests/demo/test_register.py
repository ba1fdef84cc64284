import pytest
from django.core.management import call_command
from django.urls import reverse

from casework.models import ChallengeArea, PriorityTheme
from organisations.models import Board, Organisation, User

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = {
    "admin",
    "handlaggare",
    "samordnare",
    "delegat",
    "fritidsnamnden",
    "kulturnamnden",
    "kommunstyrelsen",
    "raddabarnen",
    "tillsammans",
    "malmouniversitet",
    "rodakorset",
    "vaxtverket",
}


def test_the_demo_data_loads_twice_without_duplicates(demo_data):
    counts = (Organisation.objects.count(), Board.objects.count(), User.objects.count())
    parts = ["register", "programmes", "accounts", "iop"]  # as the fixture demo_data
    call_command("load_demo", "--only", *parts, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Organisation.objects.count(), Board.objects.count(), User.objects.count()) == counts


def test_the_demo_has_the_five_challenge_areas_and_the_boards_of_seed_003(demo_data):
    assert ChallengeArea.objects.count() == 5
    assert ChallengeArea.objects.filter(name="Jämlik fritid och kultur").exists()
    assert PriorityTheme.objects.get(year=2022).title == "Ungas trygghet och delaktighet"
    for name in [
        "Kommunstyrelsen",
        "Kommunstyrelsens arbetsutskott",
        "Fritidsnämnden",
        "Kulturnämnden",
        "Tekniska nämnden",
        "Arbetsmarknads- och socialnämnden",
    ]:
        assert Board.objects.filter(name=name).exists(), name
    assert Board.objects.get(code="ksau").parent.code == "ks"


def test_every_demo_organisation_is_valid(demo_data):
    for organisation in Organisation.objects.all():
        organisation.full_clean()
    assert Organisation.objects.filter(name="Rädda Barnen").exists()
    assert Organisation.objects.get(name="Malmö universitet").kind == "academia"


def test_demo_accounts_log_in_with_password_demo(demo_data, client):
    assert set(User.objects.values_list("username", flat=True)) == DEMO_ACCOUNTS
    response = client.post(reverse("login"), {"username": "raddabarnen", "password": "demo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_no_demo_accounts_without_demo_mode(db, settings):
    settings.DEMO_MODE = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not User.objects.exists()
    assert Organisation.objects.exists()
