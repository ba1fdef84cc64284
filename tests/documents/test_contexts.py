import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

from documents import contexts, samples


def _through_json(context):
    data = json.loads(json.dumps(contexts.to_data(context), cls=DjangoJSONEncoder))
    return contexts.from_data(type(context), data)


def test_every_sample_context_comes_back_unchanged_from_json_storage():
    for build in samples.SAMPLES.values():
        context = build()
        assert _through_json(context) == context


def test_the_budget_sums_each_partys_contributions_per_kind_and_in_total():
    context = samples.agreement(parties=3)
    rows = context.budget_rows
    assert [row.party for row in rows] == [party.name for party in context.parties]
    first = rows[0]
    assert first.amounts["money"] == Decimal(25000)
    assert first.amounts["staff_hours"] == Decimal(27000)
    assert first.total == Decimal(25000 + 26000 + 27000 + 28000)
    assert context.budget_totals.total == sum(row.total for row in rows)
    assert context.budget_totals.total == sum(c.value for c in context.contributions)


def test_a_party_without_contributions_has_a_zero_row():
    context = samples.agreement(parties=2)
    context.contributions = [c for c in context.contributions if c.party != context.parties[1].name]
    assert context.budget_rows[1].total == 0
