"""Every node of both flows, gateways, splits, joins, timers and functions too, carries a title
(``.Annotation(title=...)``) with a Swedish translation: the flow chart, the task lists and the
case history show it, and viewflow would otherwise make one of the node's English name."""

import pytest
from django.utils import translation
from django.utils.functional import Promise

from workflows.funding.flows import FundingApplicationFlow
from workflows.iop.flows import IOPFlow


@pytest.mark.parametrize("flow_class", [IOPFlow, FundingApplicationFlow])
def test_every_node_has_a_title_in_swedish(flow_class):
    untitled, untranslated = [], []
    for node in flow_class.instance.nodes():
        title = node.task_title
        if not isinstance(title, Promise):
            untitled.append(node.name)
            continue
        with translation.override("en"):
            english = str(title)
        with translation.override("sv"):
            swedish = str(title)
        if not english.strip() or swedish == english:
            untranslated.append(node.name)
    assert untitled == []
    assert untranslated == []
