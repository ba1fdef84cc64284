"""Agreements in flight survive this release's migrations of who signs and the signings on
record: signed and half-signed agreements keep their signatures, their rows gain nothing they
must have, and the board's secretary can still finish a half-signed one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from organisations.models import Membership, Role
from partnerships.models import BoardDecision, IOPInquiry, Signature, Status

from .helpers import signed_inquiry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("partnerships", "0004_assignments_opened_by_the_municipality"),
    ("documents", "0004_repayment_claim_and_demand_rejection_kinds"),
    ("organisations", "0004_delegation_holdings"),
]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def latest():
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_signed_agreements_keep_their_signatures_across_the_migrations(latest, organisation):
    inquiry = signed_inquiry(organisation)
    signed = set(Signature.objects.values_list("pk", "party_id", "document_sha256"))

    _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert IOPInquiry.objects.get(pk=inquiry.pk).status == Status.ACTIVE
    assert set(Signature.objects.values_list("pk", "party_id", "document_sha256")) == signed
    # What the release asks of new rows is empty on the old ones: nobody named by the
    # board, no signing record, no approved right to sign until an officer approves one.
    assert not Signature.objects.filter(record__isnull=False).exists()
    assert not BoardDecision.objects.filter(signatory__isnull=False).exists()
    signatory = Membership.objects.get(organisation=organisation, role=Role.SIGNATORY)
    assert signatory.signing_approved_at is None and not signatory.may_sign
