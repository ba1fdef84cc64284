"""A list of tasks tells parallel tasks of one case apart: a party of the city's follow-up
report names the administration it is for."""

from django.utils import translation
from viewflow.workflow.models import Task

from tests import factories
from workflows.iop.flows import IOPFlow
from workflows.views import _Labels


def test_a_city_partys_report_task_names_its_administration(db):
    culture = factories.AdministrationFactory(name="Kulturförvaltningen")
    labels = _Labels()
    for_culture = {"reports_for": f"organisations.organisation:{culture.pk}"}

    with translation.override("sv"):
        assert labels.of(Task(flow_task=IOPFlow.report, data=for_culture)) == (
            "Rapportera om avtalsåret – Kulturförvaltningen"
        )
        assert labels.of(Task(flow_task=IOPFlow.report, data={})) == "Rapportera om avtalsåret"
