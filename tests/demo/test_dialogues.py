"""The demo's documented dialogue (seed 002's content, organisations not persons), whose next
step became an initiative and then a new IOP proposal, traced back to the dialogue."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cooperation.models import Event, Initiative
from demo import dialogues
from organisations.models import User

pytestmark = pytest.mark.django_db

PARTS = ["register", "programmes", "accounts", "dialogues"]


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", *PARTS, stdout=io.StringIO())


def test_the_demo_dialogue_is_documented_and_its_initiative_became_an_iop_proposal(demo, client):
    event = Event.objects.get(title=dialogues.TITLE)
    assert event.status == Event.Status.HELD
    assert event.registrations.filter(attended=True).count() == 2
    documentation = event.documentation
    assert set(documentation.contributions.values_list("participant", flat=True)) == {
        "Röda Korset",
        "Rädda Barnen",
        "Växtverket",
        "Stadskontoret",
    }
    initiative = Initiative.objects.get(origin_event=event)
    assert initiative.origin_step.text == dialogues.INITIATIVE_STEP
    inquiry = initiative.iop_inquiry
    assert inquiry.initiator == inquiry.Initiator.PROPOSAL
    client.force_login(User.objects.get(username="vaxtverket"))
    case_page = client.get(reverse("partnerships:inquiry", args=[inquiry.case.case_number]))
    assert f"Kom från dialogen {dialogues.TITLE}" in case_page.content.decode()


def test_loading_the_dialogue_again_adds_nothing(demo):
    call_command("load_demo", "--only", "dialogues", stdout=io.StringIO())
    assert Event.objects.filter(title=dialogues.TITLE).count() == 1
    assert Initiative.objects.count() == 1
