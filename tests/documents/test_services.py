import hashlib

import pytest
from django.core.files.base import ContentFile

from casework.models import AuditEvent
from documents import producing, samples, services, tasks
from documents.models import Document, FinalDocumentError

pytestmark = pytest.mark.django_db


def _request(case, officer, *, kind="decision_letter", final=False):
    context = samples.for_kind(kind, case_number=case.case_number)
    return services.document_request(
        case=case, kind=kind, context=context, acting_user=officer, final=final
    )


def test_a_requested_document_is_produced_after_commit_and_stored_with_its_checksum(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = _request(case, officer)
        assert Document.objects.get(pk=document.pk).rendered_at is None  # not before commit
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert document.is_ready and not document.is_pending
    assert document.version == 1
    assert document.pages >= 1
    with document.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert len(document.template_version) == 64
    assert document.file.name.endswith(f"{case.case_number}-decision_letter-v1.pdf")


def test_requesting_and_producing_are_in_the_case_history(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(case, officer)
    document.refresh_from_db()
    requested, rendered = AuditEvent.objects.filter(case=case, action__startswith="document_")
    assert (requested.action, requested.actor, requested.to_state) == (
        "document_requested",
        officer,
        "draft",
    )
    assert rendered.action == "document_rendered"
    assert rendered.data["sha256"] == document.sha256


def test_each_request_of_a_kind_is_the_next_version(case, officer):
    first = _request(case, officer)
    second = _request(case, officer, final=True)
    other_kind = _request(case, officer, kind="board_memo")
    assert (first.version, second.version, other_kind.version) == (1, 2, 1)
    assert second.status == Document.Status.FINAL


def test_a_context_for_another_case_or_of_the_wrong_kind_is_refused(case, officer):
    with pytest.raises(ValueError):
        services.document_request(
            case=case, kind="board_memo", context=samples.memo(), acting_user=officer
        )
    with pytest.raises(TypeError):
        services.document_request(
            case=case,
            kind="board_memo",
            context=samples.decision(case_number=case.case_number),
            acting_user=officer,
        )
    assert not Document.objects.exists()


def test_the_task_run_twice_stores_one_file_and_keeps_the_first_checksum(
    case, officer, private_storage
):
    document = _request(case, officer, final=True)
    tasks.render_document.delay(document.pk)
    document.refresh_from_db()
    first = (document.sha256, document.rendered_at, document.file.name)
    tasks.render_document.delay(document.pk)
    document.refresh_from_db()
    assert (document.sha256, document.rendered_at, document.file.name) == first
    assert [p.name for p in private_storage.rglob("*.pdf")] == [
        f"{case.case_number}-decision_letter-v1.pdf"
    ]
    assert AuditEvent.objects.filter(action="document_rendered").count() == 1


def test_the_task_replaces_a_file_left_by_a_rolled_back_attempt(case, officer, private_storage):
    document = _request(case, officer, final=True)
    name = document.file.field.generate_filename(document, document.file_name)
    document.file.storage.save(name, ContentFile(b"half-written"))
    tasks.render_document.delay(document.pk)
    document.refresh_from_db()
    assert document.file.name == name
    assert len(list(private_storage.rglob("*.pdf"))) == 1
    with document.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == document.sha256


def test_a_final_version_is_never_produced_again(case, officer):
    document = _request(case, officer, final=True)
    producing.document_render(document_id=document.pk)
    document.refresh_from_db()
    with pytest.raises(FinalDocumentError):
        services.document_render_again(document=document, acting_user=officer)
    with pytest.raises(FinalDocumentError):
        services.document_finalise(document=document, acting_user=officer)


def test_a_draft_is_produced_again_under_the_same_version_number(
    case, officer, private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(case, officer)
    document.refresh_from_db()
    first_rendered_at = document.rendered_at
    with django_capture_on_commit_callbacks(execute=True):
        services.document_render_again(document=document, acting_user=officer)
    document.refresh_from_db()
    assert document.version == 1
    assert document.rendered_at > first_rendered_at
    assert len(list(private_storage.rglob("*.pdf"))) == 1


def test_finalising_a_draft_produces_it_without_the_draft_marking_then_freezes_it(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _request(case, officer, kind="board_memo")
    document.refresh_from_db()
    draft_sha = document.sha256
    with django_capture_on_commit_callbacks(execute=True):
        services.document_finalise(document=document, acting_user=officer)
    document.refresh_from_db()
    assert document.is_final and document.is_ready
    assert document.sha256 != draft_sha
    event = AuditEvent.objects.get(action="document_finalised")
    assert (event.from_state, event.to_state, event.actor) == ("draft", "final", officer)


def test_a_failed_rendering_is_recorded_and_can_be_retried(case, officer, monkeypatch):
    document = _request(case, officer, final=True)

    def broken(*args, **kwargs):
        raise RuntimeError("typsnitt saknas")

    monkeypatch.setattr(producing.rendering, "render", broken)
    with pytest.raises(RuntimeError):
        tasks.render_document.delay(document.pk)
    document.refresh_from_db()
    assert "typsnitt saknas" in document.failure
    assert not document.is_pending and not document.is_ready
    assert AuditEvent.objects.filter(action="document_render_failed").exists()

    monkeypatch.undo()
    services.document_render_again(document=document, acting_user=officer)
    tasks.render_document.delay(document.pk)
    document.refresh_from_db()
    assert document.is_ready and document.failure == ""


def test_the_task_ignores_a_document_that_no_longer_exists():
    assert producing.document_render(document_id=999_999) is None
    tasks.render_document.delay(999_999)
