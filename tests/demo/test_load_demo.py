"""``manage.py load_demo``: every part of ``make demo``, in order; loading again adds nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from casework.models import AuditEvent, Case
from followup.models import NarrativeSection
from funding.models import FundingApplication
from openness.models import PublicationSetting
from organisations.models import User
from partnerships.models import EuroRate, IOPInquiry

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, int]:
    """The number of rows of every model, ours and viewflow's."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_the_whole_demo_loads_and_loading_it_again_adds_no_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    rows = _rows()
    assert User.objects.filter(username="raddabarnen").exists()
    # The three seed inquiries (demo.iop), the proposal whose demand is answered
    # (demo.iop_demand) and the one a dialogue's initiative became (demo.dialogues).
    assert IOPInquiry.objects.count() == 5
    # 13 in every state (demo.applications), the repayment claim's and the demand's
    # (demo.claims) and one partly granted (demo.letters).
    assert FundingApplication.objects.filter(title__startswith="Demo: ").count() == 16
    assert NarrativeSection.objects.count() == 3
    assert PublicationSetting.objects.filter(publish_grants=True).count() == 2
    assert Case.objects.count() >= 10 and AuditEvent.objects.exists()
    # The de minimis ledger counts at a rate the demo names as an example.
    assert EuroRate.objects.get().source.startswith("Exempelkurs")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    assert _rows() == rows


def test_only_the_parts_asked_for_are_loaded_in_their_order():
    out = io.StringIO()
    call_command("load_demo", "--only", "programmes", "register", stdout=out)
    assert out.getvalue().index("register") < out.getvalue().index("programmes")
    assert not User.objects.exists() and not IOPInquiry.objects.exists()
