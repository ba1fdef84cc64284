"""Many associations submitting at the same moment: every submission gets its own gap-free
case number in the programme's series and exactly one process, and its receipt shows what
was sent even when the PDF is made later."""

import threading

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from casework.models import Case
from documents.kinds import Kind
from documents.models import Document
from funding import services
from funding.models import FundingApplication
from tests import factories
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess

THREADS = 6
PER_THREAD = 4


def _series_numbers(programme) -> list[int]:
    return sorted(Case.objects.filter(series=programme.series).values_list("number", flat=True))


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_gap_free_numbers_and_one_process_each(requires_postgresql):
    programme = factories.FundingProgrammeFactory()
    people = []
    for _ in range(THREADS):
        organisation = factories.eligible(factories.OrganisationFactory())
        member = factories.member(organisation)
        drafts = [
            factories.funding_draft(organisation, programme, member).pk for _ in range(PER_THREAD)
        ]
        people.append((member, drafts))
    barrier = threading.Barrier(THREADS)
    errors = []

    def submit_all(member, drafts):
        client = Client()
        client.force_login(member)
        try:
            barrier.wait()
            for pk in drafts:
                response = client.post(reverse("funding:application_submit", args=[pk]))
                assert response.status_code == 302, response.status_code
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit_all, args=person) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    total = THREADS * PER_THREAD
    assert errors == []
    assert _series_numbers(programme) == list(range(1, total + 1))
    submitted = FundingApplication.objects.filter(programme=programme, status="submitted")
    assert submitted.count() == total
    processes = FundingProcess.objects.filter(
        flow_class=FundingApplicationFlow,
        artifact_object_id__in=submitted.values_list("pk", flat=True),
    )
    assert processes.count() == total


@pytest.mark.django_db
def test_a_submission_rolled_back_after_registration_gives_its_number_back(
    draft, member, programme
):
    class StepFailed(Exception):
        pass

    with pytest.raises(StepFailed), transaction.atomic():
        services.application_submit(application=draft, acting_user=member)
        raise StepFailed  # for example, the flow could not start
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.case is None
    submitted = services.application_submit(application=draft, acting_user=member)
    assert submitted.case.number == 1
    assert _series_numbers(programme) == [1]


@pytest.mark.django_db
def test_the_receipt_made_later_shows_what_was_submitted(
    draft, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = services.application_submit(application=draft, acting_user=member)
    submitted_name = application.organisation.name
    application.organisation.name = "Nytt namn efter inskickandet"
    application.organisation.save()
    FundingApplication.objects.filter(pk=application.pk).update(amount_applied=99_000)
    for callback in callbacks:
        callback()
    receipt = Document.objects.get(case=application.case, kind=Kind.SUBMISSION_RECEIPT)
    assert receipt.context["applicant"]["name"] == submitted_name
    assert receipt.context["amount_applied"] == "30000.00"
    assert receipt.context["case_number"] == application.case.case_number
