"""Partial work is saved: "Save" on the assessment, the legal assessment and co-creation keeps
what was typed as the task's draft without demanding every answer, and shows it again; the
answers are checked, every error at once, when the task is completed."""

import pytest

from funding.models import Assessment
from partnerships.models import LegalAssessment
from tests import factories
from tests.driver import do_one, open_tasks, take
from tests.workflows import iop_steps as steps
from workflows import services
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


def _save_twice(client, url, data) -> str:
    for _ in range(2):
        response = client.post(url, {**data, "action": "save"})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == url
    return client.get(url).content.decode()


def test_a_half_done_assessment_is_kept_and_checked_all_at_once_on_completion(client, organisation):
    process = factories.funding_process(organisation)
    officer = factories.staff()
    do_one(client, officer, process, "check_complete", {"result": "complete"})
    (task,) = open_tasks(process, "assess")
    take(client, officer, task)
    url = task_url(task, "execute")
    page = _save_twice(client, url, {"summary": "Väl förankrat i området.", "proposed_amount": ""})
    assert "Väl förankrat i området." in page and not Assessment.objects.exists()
    task.refresh_from_db()
    assert task.data["draft"]["summary"] == ["Väl förankrat i området."]

    response = client.post(url, {"summary": "Väl förankrat i området."})
    html = response.content.decode()
    assert response.status_code == 200 and not Assessment.objects.exists()
    criterion = process.application.programme.criteria.get()
    # The declaration, the proposal and the scores are reported together.
    for field in ("no_conflict_of_interest", "proposed_outcome", f"score_{criterion.pk}"):
        assert f'id="id_{field}_error"' in html, field


def test_a_half_done_legal_assessment_is_kept_and_a_whole_one_saved(client, organisation):
    process = factories.iop_process(organisation)
    officer = factories.staff()
    do_one(client, officer, process, "screen", steps.screening())
    (task,) = open_tasks(process, "investigate")
    take(client, officer, task)
    url = task_url(task, "execute")
    page = _save_twice(client, url, {"procurement_reasoning": "Ingen motprestation."})
    assert "Ingen motprestation." in page and not LegalAssessment.objects.exists()

    whole = steps.assessment(action="save")
    assert client.post(url, whole).status_code == 302
    assessment = LegalAssessment.objects.get()
    assert assessment.conclusion_reasoning == whole["conclusion_reasoning"]
    task.refresh_from_db()
    assert "draft" not in task.data
    assert whole["procurement_reasoning"] in client.get(url).content.decode()


def test_a_half_done_agreement_draft_is_kept_on_the_task_without_a_new_version(
    client, organisation
):
    process = factories.iop_process(organisation)
    officer = factories.staff()
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    (task,) = open_tasks(process, "co_create")
    take(client, officer, task)
    url = task_url(task, "execute")
    data = steps.draft(process, "save")
    data["draft-governance"], data["draft-period_end"] = "", ""
    page = _save_twice(client, url, data)
    assert not process.inquiry.agreement_versions.exists()
    assert "Fler unga i föreningslivet" in page and "Ledare två kvällar i veckan" in page

    response = client.post(url, {**data, "action": "send"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_draft-governance_error"' in html and 'id="id_draft-period_end_error"' in html
    assert not process.inquiry.agreement_versions.exists()

    assert client.post(url, steps.draft(process, "save")).status_code == 302
    assert process.inquiry.agreement_versions.count() == 1
    again = client.post(url, steps.draft(process, "save"), follow=True).content.decode()
    assert "Utkastet är oförändrat" in again
    assert process.inquiry.agreement_versions.count() == 1


def test_a_kept_draft_drops_nul_characters_whoever_keeps_it(organisation):
    """The service itself drops them (PostgreSQL keeps none in JSON), so no caller, page or
    not, can store one."""
    process = factories.funding_process(organisation)
    officer = factories.staff()
    (task,) = open_tasks(process, "check_complete")
    with services.task_take(task=task, acting_user=officer):
        pass

    kept = services.task_draft_keep(
        task=task,
        acting_user=officer,
        data={"summary": ["Väl\x00 förankrat", "\x00"], "no\x00te": ["x"]},
    )

    kept.refresh_from_db()
    assert kept.data["draft"] == {"summary": ["Väl förankrat", ""], "note": ["x"]}
