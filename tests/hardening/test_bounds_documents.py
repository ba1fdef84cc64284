"""A generated document has ceilings: its pages, the time and memory of its render, and the
number of times a render whose worker was killed is delivered again. Beyond one, the render
stops and the version says why on its page for the officers; an application sent with every
field at its limit still makes a receipt within the page ceiling."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from casework.models import AuditEvent
from common import limits
from documents import producing, samples, services, tasks
from documents.kinds import Kind
from documents.models import Document
from funding import services as funding_services
from funding.models import Attachment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def _text(max_length: int) -> str:
    """A text at its limit, as many lines as it may have, each as full as the limit allows: the
    longest a receipt can show."""
    lines = limits.lines_allowed(max_length)
    width = max_length // lines - 1  # a line end counts as one character
    words = ("Samverkan för barn och unga i Rosengård och Fosie " * (width // 10 + 1))[:width]
    text = "\n".join([words] * lines)[:max_length]
    return text + "å" * (max_length - len(text))


def _application_at_every_limit(organisation, programme):
    draft = factories.funding_draft(
        factories.eligible(organisation),
        programme,
        title="Ä" * 200,
        purpose=_text(limits.ANSWER),
        target_group="Unga\n" * 60,  # a one-line field, forged full of line ends (300)
        activity_start=timezone.localdate() + timedelta(days=40),
        activity_end=timezone.localdate() + timedelta(days=70),
        participants=2_147_483_647,
        amount_applied=programme.max_amount,
        total_cost=9_999_999_999,
    )
    user = draft.created_by
    funding_services.other_funding_set(
        application=draft,
        acting_user=user,
        rows=[
            {
                "funder": (f"{n:02d} " + "Stiftelsen för lokalt föreningsliv " * 6)[:200],
                "amount": 999_999,
                "state": "applied",
            }
            for n in range(limits.OTHER_FUNDING_ROWS)
        ],
    )
    for n in range(limits.FILES_PER_APPLICATION):
        Attachment.objects.create(
            application=draft,
            kind="other",
            file=f"funding/{draft.pk}/{n:064d}.pdf",
            original_name=(f"{n:02d}-" + "verksamhetsplan-och-budget-" * 10)[:251] + ".pdf",
            content_type="application/pdf",
            size=limits.BYTES_PER_APPLICATION // limits.FILES_PER_APPLICATION,
            sha256=f"{n:064d}",
            uploaded_by=user,
        )
    return draft


def test_an_application_with_every_field_at_its_limit_makes_a_receipt_within_the_ceiling(
    organisation, programme, django_capture_on_commit_callbacks
):
    draft = _application_at_every_limit(organisation, programme)
    with django_capture_on_commit_callbacks(execute=True):
        application = funding_services.application_submit(
            application=draft, acting_user=draft.created_by
        )
    receipt = Document.objects.get(case=application.case, kind=Kind.SUBMISSION_RECEIPT)
    assert receipt.failure == ""
    assert receipt.is_ready
    print(f"receipt of an application at every limit: {receipt.pages} pages")
    assert 1 < receipt.pages <= limits.DOCUMENT_PAGES
    assert len(application.receipt["sections"][0]["answers"][1]["answer"]) == limits.ANSWER


def _request(officer):
    case = factories.CaseFactory()
    return services.document_request(
        case=case,
        kind="submission_receipt",
        context=samples.receipt(case_number=case.case_number),
        acting_user=officer,
        final=True,
    )


def test_a_document_over_the_page_ceiling_fails_with_the_reason_on_its_page(
    client, officer, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(limits, "DOCUMENT_PAGES", 1)
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(officer)
    document.refresh_from_db()
    assert not document.is_ready and not document.is_pending
    assert not document.file
    assert "ett dokument får vara högst 1 sidor" in document.failure
    assert AuditEvent.objects.filter(action="document_render_failed").exists()

    client.force_login(officer)
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Dokumentet kunde inte skapas" in page
    assert "Orsak:" in page and "högst 1 sidor" in page


def test_the_organisation_does_not_see_the_technical_reason(
    client, officer, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(limits, "DOCUMENT_PAGES", 1)
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(officer)
    organisation = factories.OrganisationFactory()
    document.case.organisation = organisation
    document.case.save()
    client.force_login(factories.member(organisation))
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Dokumentet kunde inte skapas" in page
    assert "Orsak:" not in page


@pytest.mark.parametrize(
    ("stop", "words"),
    [(SoftTimeLimitExceeded(), "sekunder"), (MemoryError(), "minne")],
    ids=["time", "memory"],
)
def test_a_render_stopped_at_its_time_or_memory_ceiling_is_recorded(
    officer, monkeypatch, django_capture_on_commit_callbacks, stop, words
):
    def beyond_the_ceiling(*args, **kwargs):
        raise stop

    monkeypatch.setattr(producing.rendering, "render", beyond_the_ceiling)
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(officer)  # the task records it and does not raise
    document.refresh_from_db()
    assert words in document.failure and "avbröts" in document.failure
    assert not document.is_ready


def test_a_render_whose_worker_was_killed_is_not_delivered_for_ever(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = _request(officer)
    # Each delivery counts its attempt before it renders; a killed worker records nothing else.
    for _killed in range(limits.RENDER_ATTEMPTS):
        assert producing.document_render_attempt(document_id=document.pk)
    tasks.render_document.delay(document.pk)  # the broker delivers it once more
    document.refresh_from_db()
    assert not document.is_ready
    assert f"avbröts {limits.RENDER_ATTEMPTS} gånger" in document.failure
    assert AuditEvent.objects.filter(action="document_render_failed").count() == 1

    tasks.render_document.delay(document.pk)  # and again: nothing more happens
    assert AuditEvent.objects.filter(action="document_render_failed").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.document_render_again(document=document, acting_user=officer)
    document.refresh_from_db()
    assert document.is_ready and document.render_attempts == 1 and document.failure == ""


def test_the_render_task_carries_its_ceilings():
    task = tasks.render_document
    assert task.soft_time_limit == limits.RENDER_SECONDS
    assert task.time_limit > task.soft_time_limit
    assert task.acks_late and task.reject_on_worker_lost
    assert django_settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD == limits.RENDER_MEMORY_MB * 1024


def test_a_worker_child_cannot_grow_beyond_the_memory_ceiling():
    """What ``worker_process_init`` does in each worker child, done in a child process here:
    an allocation beyond the ceiling fails with MemoryError instead of growing the worker."""
    program = (
        "from config.celery import bound_memory\n"
        "bound_memory()\n"
        "try:\n"
        f"    bytearray({(limits.RENDER_MEMORY_MB + 256) * 1024 * 1024})\n"
        "except MemoryError:\n"
        "    print('refused')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=Path(django_settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == "refused", result.stderr
