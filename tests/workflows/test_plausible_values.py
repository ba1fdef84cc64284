"""Only plausible values are kept: no negative contributions or amounts, an application
asking for more than its activity costs is flagged, and an agreement the organisation agreed to
stays the version it read."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funding import services as funding
from partnerships import services as partnerships
from partnerships.models import DraftReview
from tests import factories
from tests.driver import do_one, open_tasks, take
from tests.workflows import iop_steps as steps
from workflows.models import FundingProcess
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewing(client, organisation):
    """An IOP draft sent to the organisation for review, and its member."""
    process = factories.iop_process(organisation)
    officer = factories.staff()
    do_one(client, officer, process, "screen", steps.screening())
    do_one(client, officer, process, "investigate", steps.assessment())
    do_one(client, officer, process, "co_create", steps.draft(process, "send"))
    return process, factories.member(organisation), officer


def test_a_negative_contribution_is_refused_on_the_form_and_by_the_service(client, reviewing):
    process, member, officer = reviewing
    data = steps.draft(process, "save")
    data["contributions-0-amount_sek"] = "-400000"
    (task,) = open_tasks(process, "review_draft")
    take(client, member, task)
    response = client.post(task_url(task, "execute"), data)
    assert response.status_code == 200
    assert "contributions-0-amount_sek" in response.content.decode()
    inquiry = process.inquiry
    assert inquiry.agreement_versions.count() == 1
    version = inquiry.agreement_versions.get()
    rows = partnerships.copy_contributions(version)
    rows[0] = partnerships.ContributionInput(
        rows[0].party, rows[0].kind, rows[0].description, Decimal(-1), rows[0].recipient
    )
    with pytest.raises(ValidationError):
        partnerships.agreement_draft_save(
            inquiry=inquiry,
            acting_user=member,
            data={name: getattr(version, name) for name in partnerships.agreements.VERSION_FIELDS},
            contributions=rows,
        )
    assert inquiry.agreement_versions.count() == 1


def test_agreed_records_the_version_the_organisation_read_and_finishing_adds_none(
    client, reviewing
):
    process, member, officer = reviewing
    (task,) = open_tasks(process, "review_draft")
    take(client, member, task)
    page = client.get(task_url(task, "execute")).content.decode()
    assert 'name="version_number" value="1"' in page
    response = client.post(
        task_url(task, "execute"), {"answer": "agreed", "comment": "", "version_number": "1"}
    )
    assert response.status_code == 302
    do_one(client, officer, process, "co_create", steps.draft(process, "finish"))
    inquiry = process.inquiry
    (review,) = inquiry.draft_reviews.all()
    assert review.answer == DraftReview.Answer.AGREED and review.version.number == 1
    # Finishing with the draft the organisation agreed to keeps that version for the memo.
    assert list(inquiry.agreement_versions.values_list("number", flat=True)) == [1]


def test_an_answer_to_a_version_no_longer_the_latest_is_refused(client, reviewing):
    process, member, _officer = reviewing
    (task,) = open_tasks(process, "review_draft")
    take(client, member, task)
    changed = {**steps.draft(process, "save"), "draft-governance": "Styrgrupp varannan vecka."}
    assert client.post(task_url(task, "execute"), changed).status_code == 302
    response = client.post(
        task_url(task, "execute"), {"answer": "agreed", "comment": "", "version_number": "1"}
    )
    assert response.status_code == 200
    assert not process.inquiry.draft_reviews.exists()


def test_asking_for_changes_without_saying_which_is_an_error_on_the_comment(client, reviewing):
    process, member, _officer = reviewing
    (task,) = open_tasks(process, "review_draft")
    take(client, member, task)
    response = client.post(task_url(task, "execute"), {"answer": "changes", "comment": " "})
    assert response.status_code == 200
    assert 'id="id_comment_error"' in response.content.decode()


def test_a_negative_proposed_amount_is_refused(organisation):
    process = factories.funding_process(organisation)
    application = process.application
    officer = factories.staff()
    funding.application_mark_complete(application=application, acting_user=officer)
    with pytest.raises(ValidationError) as refused:
        funding.assessment_record(
            application=application,
            acting_user=officer,
            no_conflict_of_interest=True,
            proposed_outcome="approved",
            proposed_amount=Decimal(-100),
            summary="Bra.",
            scores={},
        )
    assert "proposed_amount" in refused.value.message_dict


def test_more_than_the_total_cost_is_flagged_to_the_applicant_and_the_officer(client, organisation):
    factories.eligible(organisation)
    application = factories.funding_draft(
        organisation, amount_applied=30_000, total_cost=Decimal(20_000)
    )
    client.force_login(application.created_by)
    check = client.get(reverse("funding:application_check", args=[application.pk]))
    flag = "är mer än verksamhetens totala kostnad"
    assert flag in check.content.decode()
    response = client.post(
        reverse("funding:application_submit", args=[application.pk]), follow=True
    )
    assert flag in response.content.decode()
    process = FundingProcess.objects.get(artifact_object_id=application.pk)
    (task,) = open_tasks(process, "check_complete")
    take(client, factories.staff(), task)
    page = client.get(task_url(task, "execute")).content.decode()
    assert flag in page
    assert "20 000 kr" in page  # the total cost, beside the other funding declared
