"""Cases in flight survive the parties becoming legal persons (partnerships 0006): a party of an
inquiry already at or past the draft is taken as having accepted, so no running case waits for
an acceptance nobody is asked for; the initiator of a proposal accepted by proposing; a case
still being investigated asks its parties; every party's organisation follows its case."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from organisations.models import Organisation
from partnerships import services
from partnerships.models import IOPInquiry, Party, Status
from tests import factories

from .helpers import AGREEMENT, ASSESSMENT, SCREENING

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("partnerships", "0004_assignments_opened_by_the_municipality")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def latest():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _inquiry(organisation, university, officer, *, to_co_creation: bool) -> IOPInquiry:
    inquiry = factories.iop_inquiry(organisation, partners=[university])
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=ASSESSMENT)
    if to_co_creation:
        services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    return inquiry


def test_parties_of_cases_past_the_draft_accept_and_every_party_follows_its_case(latest):
    officer = factories.staff()
    university = factories.OrganisationFactory(kind=Organisation.Kind.ACADEMIA)
    in_co_creation = _inquiry(
        factories.OrganisationFactory(), university, officer, to_co_creation=True
    )
    investigating = _inquiry(
        factories.OrganisationFactory(), university, officer, to_co_creation=False
    )
    # As the rows stood before this release: nobody had accepted, no case had other parties.
    Party.objects.update(accepted_at=None, accepted_by=None)
    for inquiry in (in_co_creation, investigating):
        inquiry.case.parties.clear()

    _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def parties(inquiry):
        return {p.organisation_id: p for p in Party.objects.filter(inquiry=inquiry)}

    past = parties(in_co_creation)
    assert past[university.pk].accepted_at is not None and past[university.pk].accepted_by is None
    asked = parties(investigating)
    lead = investigating.case.organisation_id
    assert asked[university.pk].accepted_at is None
    assert asked[lead].accepted_at is not None
    assert asked[lead].accepted_by_id == investigating.submitted_by_id
    assert all(p.accepted_at is None for p in asked.values() if p.board_id)
    for inquiry in (in_co_creation, investigating):
        assert list(inquiry.case.parties.all()) == [university]

    # The case in co-creation goes on, as it would have before the release.
    inquiry = IOPInquiry.objects.get(pk=in_co_creation.pk)
    services.agreement_draft_save(
        inquiry=inquiry, acting_user=officer, data=AGREEMENT, contributions=[]
    )
    services.co_creation_finish(inquiry=inquiry, acting_user=officer)
    assert IOPInquiry.objects.get(pk=inquiry.pk).status == Status.MEMO
