"""Every human task of every flow says who takes it: a node without .Permission or .Assign
would be in every user's viewflow queue (DESIGN.md, the first trap of viewflow 2.4)."""

import importlib

from viewflow.workflow.flow import Flow
from viewflow.workflow.nodes import View

FLOW_MODULES = ["workflows.iop.flows", "workflows.funding.flows"]


def _flows() -> list[type[Flow]]:
    for module in FLOW_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
    found, pending = [], list(Flow.__subclasses__())
    while pending:
        flow_class = pending.pop()
        pending.extend(flow_class.__subclasses__())
        if flow_class.__module__.startswith("workflows."):
            found.append(flow_class)
    return found


def test_flows_are_found():
    assert any(flow.__name__ == "IOPFlow" for flow in _flows())


def test_every_human_node_declares_who_takes_it():
    unguarded = [
        f"{flow_class.__name__}.{node.name}"
        for flow_class in _flows()
        for node in flow_class.instance.nodes()
        if isinstance(node, View) and not (node._owner_permission or node._owner)
    ]
    assert unguarded == []
