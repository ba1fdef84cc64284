"""viewflow's own pages, reached by typing their address: each answers 404, or is a page of
ours in Swedish without the engine's internals (booleans, dicts, #ids, untranslated names).

Every URL name of the flows' namespaces is asked for, as each role that sees every case (an
officer, a coordinator) and as an administrator, with a process of each flow and a task of each
node; a redirect is followed to where it leads.
"""

import re

import pytest
from django.urls import resolve

from organisations.models import Role
from tests import factories
from tests.access import _flow_task_maker, _iop_process
from tests.browser.test_walk import _english_msgids, _problems, _unlabelled_field_names
from tests.hardening import matrix
from workflows.funding.flows import FundingApplicationFlow
from workflows.iop.flows import IOPFlow

pytestmark = pytest.mark.django_db

FLOWS = {"fundingapplication": FundingApplicationFlow, "iop": IOPFlow}
ENGINE_PATTERNS = [
    pattern for pattern in matrix.url_patterns() if pattern.namespace.split(":")[0] in FLOWS
]
# The only pages of a flow's namespace that are ours: a person's task taken, done, or opened.
PORTAL_PAGES = {"assign", "execute", "index"}


def _text(page: str) -> str:
    return re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)


class Objects:
    """One process of each flow, and one task of each node in it, made when first asked for."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.processes = {
            "fundingapplication": factories.funding_process(organisation),
            "iop": _iop_process(organisation),
        }
        self.tasks = {}

    def url(self, pattern) -> str:
        root, *node, _name = pattern.name.split(":")
        process = self.processes[root]
        if node:
            if pattern.name.rsplit(":", 1)[0] not in self.tasks:
                node_object = FLOWS[root].instance.node(node[0])
                maker = _flow_task_maker(node_object, lambda _organisation: process)
                self.tasks[pattern.name.rsplit(":", 1)[0]] = maker(self.organisation)
            return pattern.url(self.tasks[pattern.name.rsplit(":", 1)[0]])
        if "process_pk" in pattern.converters:
            return pattern.url({"process_pk": process.pk})
        return pattern.url({})


@pytest.fixture(scope="module")
def catalogue():
    return _english_msgids(), _unlabelled_field_names()


def test_every_pattern_of_the_flows_is_asked_for():
    names = {pattern.name.split(":")[-1] for pattern in ENGINE_PATTERNS}
    assert {"process_detail", "detail", "chart", "index", "cancel", "undo"} <= names


def test_every_engine_page_is_not_found_or_ours_in_swedish(client, organisation, catalogue):
    """All three roles in one test: the processes and tasks are made once."""
    people = {
        "officer": factories.staff(Role.OFFICER),
        "coordinator": factories.staff(Role.COORDINATOR),
        "admin": factories.UserFactory(is_staff=True, is_superuser=True),
    }
    objects = Objects(organisation)
    wrong = {}
    for role, person in people.items():
        client.force_login(person)
        for pattern in ENGINE_PATTERNS:
            response = client.get(objects.url(pattern), follow=True)
            if response.status_code == 404:
                continue
            if pattern.name.split(":")[-1] not in PORTAL_PAGES:
                wrong[f"{role} {pattern.name}"] = f"{response.status_code}, not 404"
                continue
            page = response.content.decode()
            problems = _problems(_text(page), *catalogue)
            if 'lang="sv"' not in page or "sp-footer" not in page:
                problems.append("not in our Swedish shell")
            if problems:
                where = resolve(response.request["PATH_INFO"]).view_name
                wrong[f"{role} {pattern.name} → {where} ({response.status_code})"] = problems
    assert wrong == {}
