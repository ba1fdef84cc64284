"""Who may see which document. Views and selectors ask here.

Whoever may see a case sees its final documents. Staff see every draft too; an organisation's
members see drafts only of the kinds they work on together (``KindSpec.shared_as_draft``):
agreements and receipts, not the officers' memos and decision letters before they are final.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from casework import policy as case_policy
from organisations import policy as org_policy

from .kinds import KINDS
from .models import Document


def visible_documents(user, documents: QuerySet[Document] | None = None) -> QuerySet[Document]:
    documents = Document.objects.all() if documents is None else documents
    documents = documents.filter(case__in=case_policy.visible_cases(user))
    if org_policy.is_staff_member(user):
        return documents
    shared_kinds = [kind for kind, spec in KINDS.items() if spec.shared_as_draft]
    return documents.filter(Q(status=Document.Status.FINAL) | Q(kind__in=shared_kinds))


def get_document_or_404(user, **lookup) -> Document:
    """The document, or 404 for anyone who may not see it (never 403)."""
    document = visible_documents(user).select_related("case", "created_by").filter(**lookup).first()
    if document is None:
        raise Http404
    return document


def may_render_again(user) -> bool:
    """Officers may have a draft, or a version that failed, produced again."""
    return user.is_superuser or user.has_perm(org_policy.HANDLE_CASE)
