"""Signatories in office when representations came keep exactly the right to sign they had:
each signatory membership becomes a migrated, evidence-based representation approved by nobody,
current when (and only when) the membership's right to sign was."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from organisations import policy
from organisations.models import EligibilityEvidence, Membership, Representation, Role
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("organisations", "0010_enrolment_codes_and_demo_accounts")]
TODAY = dt.date.today()


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def latest():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _signatory(organisation, *, approved: bool, expires_on=dt.date(2100, 1, 1), **fields):
    evidence = factories.EvidenceFactory(
        organisation=organisation,
        kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT,
        given_on=dt.date(2024, 5, 1),
        expires_on=expires_on,
    )
    membership = factories.MembershipFactory(
        organisation=organisation, role=Role.SIGNATORY, right_to_sign=False, **fields
    )
    Membership.objects.filter(pk=membership.pk).update(
        signing_evidence=evidence, signing_approved_at=timezone.now() if approved else None
    )
    return membership.user


def test_signatory_memberships_become_representations_that_sign_as_before(latest, organisation):
    _migrate(BEFORE)
    signs = _signatory(organisation, approved=True)
    pending = _signatory(organisation, approved=False)
    lapsed = _signatory(organisation, approved=True, expires_on=TODAY)
    left = _signatory(organisation, approved=True, valid_until=TODAY - dt.timedelta(days=1))
    member = factories.member(organisation)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    made = {r.person: r for r in Representation.objects.all()}
    assert set(made) == {signs, pending, lapsed}  # an ended membership is not carried over
    assert all(
        r.migrated and r.basis == "evidence" and r.approved_by is None for r in made.values()
    )
    assert made[signs].valid_from == dt.date(2024, 5, 1)
    assert made[signs].valid_until == dt.date(2099, 12, 31)
    assert made[signs].evidence.kind == EligibilityEvidence.Kind.SIGNATORY_RIGHT
    assert made[pending].approved_at is None  # waits for an officer, as it did
    assert made[lapsed].valid_until == TODAY - dt.timedelta(days=1)
    assert [
        p
        for p in (signs, pending, lapsed, left, member)
        if policy.is_signatory_for(p, organisation.pk)
    ] == [signs]
