"""Decisions landing at the same moment never take a programme's budget below zero."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from funding import services
from funding.models import FundingApplication, FundingProgramme, Status
from organisations.models import Role
from tests import factories

DECISIONS = 8
AMOUNT = Decimal("30000")


def _awaiting_decision(programme) -> FundingApplication:
    organisation = factories.eligible(factories.OrganisationFactory())
    user = factories.member(organisation)
    officer = factories.staff(Role.OFFICER)
    application = factories.funding_draft(organisation, programme, user, amount_applied=AMOUNT)
    services.application_submit(application=application, acting_user=user)
    services.application_mark_complete(application=application, acting_user=officer)
    criterion = programme.criteria.get()
    services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=AMOUNT,
        summary="Bra.",
        scores={criterion.pk: (4, "")},
    )
    return application


@pytest.mark.django_db(transaction=True)
def test_concurrent_grants_never_overdraw_the_budget(requires_postgresql):
    programme = factories.FundingProgrammeFactory(budget=Decimal("100000"))
    applications = [_awaiting_decision(programme) for _ in range(DECISIONS)]
    delegate = factories.delegate(programme)
    barrier = threading.Barrier(DECISIONS)
    refused, errors = [], []

    def decide(application):
        try:
            barrier.wait()
            services.decision_record(
                application=application,
                acting_user=delegate,
                no_conflict_of_interest=True,
                outcome="approved",
                amount_granted=AMOUNT,
                reasons="Bra.",
            )
        except ValidationError:
            refused.append(application.pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    programme.refresh_from_db()
    granted = FundingApplication.objects.filter(status=Status.GRANTED).count()
    assert granted == 3 and len(refused) == DECISIONS - 3
    assert programme.budget_remaining == Decimal("10000")
    assert FundingProgramme.objects.filter(budget_remaining__lt=0).count() == 0
