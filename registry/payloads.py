"""What an event says: the case (and the document) as the registry needs them, built once when
the event is written, so that every delivery sends the same."""

from casework.models import Case
from documents.models import Document


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def case_payload(case: Case) -> dict:
    return {
        "case": {
            "case_number": case.case_number,
            "title": case.title,
            "kind": case.kind,
            "organisation": {
                "name": case.organisation.name,
                "organisation_number": case.organisation.org_number,
            },
            "parties": [
                {"name": party.name, "organisation_number": party.org_number}
                for party in case.parties.order_by("name")
            ],
            "boards": [board.name for board in case.boards.order_by("name")],
            "registered_at": _moment(case.registered_at),
            "closed_at": _moment(case.closed_at),
            "registry_case_number": case.registry_number or None,
        }
    }


def document_payload(document: Document) -> dict:
    return {
        **case_payload(document.case),
        "document": {
            "id": document.pk,
            "kind": document.kind,
            "title": document.get_kind_display(),
            "version": document.version,
            "file_name": document.file_name,
            "sha256": document.sha256,
            "size": document.size,
            "pages": document.pages,
            "rendered_at": _moment(document.rendered_at),
        },
    }
