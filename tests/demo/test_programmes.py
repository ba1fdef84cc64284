"""The demo programmes and funding sources: loading again refreshes them, never the budget."""

import os
from decimal import Decimal

from django.core.management import call_command

from funding.models import FundingProgramme, FundingSource


def test_the_demo_is_loaded_twice_without_changing_the_budget_left(demo_data):
    call_command("load_demo", "--only", "programmes", stdout=open(os.devnull, "w"))  # noqa: SIM115
    programme = FundingProgramme.objects.get(slug="utvecklingsbidrag")
    programme.budget_remaining = Decimal("1000")
    programme.save()
    call_command("load_demo", "--only", "programmes", stdout=open(os.devnull, "w"))  # noqa: SIM115
    programme.refresh_from_db()
    assert programme.budget_remaining == Decimal("1000")
    assert FundingProgramme.objects.count() == 3
    assert (
        programme.criteria.count() == 4
        and programme.delegation_rules.filter(matter="grant").count() == 3
    )
    assert FundingSource.objects.filter(programme__isnull=False).count() == 3
    assert FundingSource.objects.count() == 3 + 7
