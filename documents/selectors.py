"""Reads for the document pages."""

from dataclasses import dataclass

from casework.models import Case

from . import policy
from .models import Document


@dataclass
class KindVersions:
    """All visible versions of one kind of document of a case, newest first."""

    kind: str
    label: str
    versions: list[Document]


def case_documents(user, case: Case) -> list[KindVersions]:
    documents = (
        policy.visible_documents(user, Document.objects.filter(case=case))
        .select_related("created_by")
        .order_by("kind", "-version")
        .defer("context")
    )
    groups: dict[str, KindVersions] = {}
    for document in documents:
        group = groups.setdefault(
            document.kind, KindVersions(document.kind, document.get_kind_display(), [])
        )
        group.versions.append(document)
    return list(groups.values())


def count_pending(documents) -> int:
    return sum(1 for document in documents if document.is_pending)
