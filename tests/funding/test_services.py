"""The applicant's services: drafts, attachments, other funding and submission."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework.models import AuditEvent, Case
from funding import services
from funding.models import Attachment, FundingApplication, Status
from organisations.models import EligibilityEvidence
from tests import factories

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _attach_required(application, user):
    for required in application.programme.required_attachments.all():
        services.attachment_add(
            application=application, acting_user=user, kind=required.kind, upload=pdf()
        )


def test_another_member_of_the_same_organisation_resumes_a_draft(draft, organisation):
    colleague = factories.member(organisation)
    services.application_update(application=draft, acting_user=colleague, participants=40)
    draft.refresh_from_db()
    assert draft.participants == 40
    assert AuditEvent.objects.filter(action="application_saved", actor=colleague).exists()


def test_a_member_of_another_association_cannot_change_a_draft(draft, outsider):
    with pytest.raises(PermissionDenied):
        services.application_update(application=draft, acting_user=outsider, title="Kapat")


def test_a_member_of_another_association_cannot_submit(draft, outsider):
    with pytest.raises(PermissionDenied):
        services.application_submit(application=draft, acting_user=outsider)
    assert not Case.objects.exists()


def test_submitting_registers_the_case_in_the_programmes_series(draft, member):
    application = services.application_submit(application=draft, acting_user=member)
    assert application.status == Status.SUBMITTED
    assert application.case.case_number.startswith(f"FRN-{timezone.localdate().year}-")
    assert application.case.organisation == application.organisation
    assert list(application.case.boards.all()) == [application.programme.board]
    assert application.receipt["case_number"] == application.case.case_number
    assert len(application.receipt["sha256"]) == 64
    assert AuditEvent.objects.filter(
        case=application.case,
        action="application_submitted",
        from_state="draft",
        to_state="submitted",
    ).exists()


def test_a_draft_has_no_case_number(draft):
    assert draft.case is None
    assert not Case.objects.exists()


def test_submission_is_refused_when_evidence_has_expired(draft, member, organisation):
    statutes = organisation.evidence.get(kind=EligibilityEvidence.Kind.STATUTES)
    statutes.given_on = timezone.localdate() - timedelta(days=400)
    statutes.expires_on = timezone.localdate() - timedelta(days=1)
    statutes.save()
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(application=draft, acting_user=member)
    assert any("Stadgar" in m or "Statutes" in m for m in refused.value.messages)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.case is None
    assert not Case.objects.exists()


def test_submission_is_refused_when_evidence_is_missing(programme):
    organisation = factories.OrganisationFactory()
    user = factories.member(organisation)
    application = factories.funding_draft(organisation, programme, user)
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(application=application, acting_user=user)
    assert len(refused.value.problems) == 2  # statutes and bank account, as the programme asks


def test_submission_is_refused_when_the_programme_has_closed(draft, member, programme):
    programme.opens_on = timezone.localdate() - timedelta(days=30)
    programme.closes_on = timezone.localdate() - timedelta(days=1)
    programme.save()
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(application=draft, acting_user=member)
    assert refused.value.problems[0].section == ""
    assert not Case.objects.exists()


def test_submission_is_refused_with_too_few_members(draft, member, programme, organisation):
    programme.min_members = 100
    programme.save()
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(application=draft, acting_user=member)
    assert "100" in refused.value.messages[0]


def test_submission_is_refused_until_required_attachments_are_there(draft, member, programme):
    programme.required_attachments.create(kind="budget")
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(application=draft, acting_user=member)
    assert refused.value.problems[0].section == "attachments"
    _attach_required(draft, member)
    assert services.application_submit(application=draft, acting_user=member).case


def test_an_amount_over_the_programmes_maximum_is_refused(draft, member):
    services.application_update(
        application=draft, acting_user=member, amount_applied=Decimal("100000.01")
    )
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(application=draft, acting_user=member)
    assert refused.value.problems[0].section == "amount"


def test_a_refused_upload_stores_nothing(draft, member, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    with pytest.raises(ValidationError):
        services.attachment_add(
            application=draft, acting_user=member, kind="budget", upload=pdf("budget.exe", b"MZ")
        )
    assert not Attachment.objects.exists()
    assert list(tmp_path.rglob("*")) == []


def test_an_attachment_is_stored_under_its_checksum(draft, member):
    attachment = services.attachment_add(
        application=draft, acting_user=member, kind="budget", upload=pdf("../../etc/budget.pdf")
    )
    assert attachment.file.name.startswith(f"funding/{draft.pk}/{attachment.sha256}")
    assert attachment.file.name.endswith(".pdf") and ".." not in attachment.file.name
    assert attachment.original_name.endswith("budget.pdf")


def test_a_submitted_attachment_cannot_be_removed(draft, member):
    attachment = services.attachment_add(
        application=draft, acting_user=member, kind="budget", upload=pdf()
    )
    services.application_submit(application=draft, acting_user=member)
    with pytest.raises(PermissionDenied):
        services.attachment_remove(attachment=attachment, acting_user=member)


def test_other_funding_is_declared_including_other_boards(draft, member):
    board = factories.BoardFactory(name="Kulturnämnden")
    services.other_funding_set(
        application=draft,
        acting_user=member,
        rows=[
            {"funder": "", "board": board, "amount": Decimal("15000"), "state": "applied"},
            {"funder": "Arvsfonden", "board": None, "amount": Decimal("5000"), "state": "granted"},
        ],
    )
    assert [str(row) for row in draft.other_funding.all()] == [
        "Kulturnämnden: 15000.00",
        "Arvsfonden: 5000.00",
    ]
    submitted = services.application_submit(application=draft, acting_user=member)
    assert [row["source"] for row in submitted.receipt["other_funding"]] == [
        "Kulturnämnden",
        "Arvsfonden",
    ]


def test_a_draft_cannot_be_started_on_a_closed_programme(programme, organisation, member):
    programme.opens_on = timezone.localdate() - timedelta(days=30)
    programme.closes_on = timezone.localdate() - timedelta(days=1)
    programme.save()
    with pytest.raises(ValidationError):
        services.application_create(
            programme=programme, organisation=organisation, acting_user=member, title="För sent"
        )


def test_the_receipt_pdf_is_asked_for_once_the_submission_commits(
    draft, member, django_capture_on_commit_callbacks
):
    from documents.kinds import Kind
    from documents.models import Document

    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_submit(application=draft, acting_user=member)
    receipt = Document.objects.get(case=application.case, kind=Kind.SUBMISSION_RECEIPT)
    assert receipt.is_final
    assert receipt.context["amount_applied"] == "30000.00"
    assert receipt.context["applicant"]["name"] == application.organisation.name


def test_the_receipt_is_dated_on_the_swedish_day_of_the_submission(draft, member):
    from funding.receipts import receipt_context

    application = services.application_submit(application=draft, acting_user=member)
    # 23:30 UTC on 6 December is half past midnight on 7 December in Stockholm.
    application.submitted_at = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert receipt_context(application).document_date == date(2026, 12, 7)


def test_an_application_sent_on_new_years_night_counts_to_the_swedish_year(organisation):
    from funding.selectors import organisation_funding

    process = factories.funding_process(organisation)
    # 23:30 UTC on 31 December is half past midnight on New Year's Day in Stockholm.
    FundingApplication.objects.filter(pk=process.application.pk).update(
        submitted_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    )
    _applications, totals = organisation_funding(organisation)
    assert [total.year for total in totals] == [2027]
