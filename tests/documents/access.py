"""Access-rule makers for the document URLs, for ``tests/config/test_object_urls.py``.

Imported by this folder's conftest; ``tests/access.py`` should import it too, so that the
project-wide check also sees these URLs when only ``tests/config`` runs.
"""

from documents.models import Document, Signing
from tests import factories
from tests.access import object_url


@object_url("documents:case_documents")
def _case_documents(organisation) -> dict:
    return {"case_number": factories.CaseFactory(organisation=organisation).case_number}


@object_url("documents:document_detail")
@object_url("documents:document_preview")
@object_url("documents:document_download")
@object_url("documents:document_render_again")
def _document(organisation) -> dict:
    # A requested draft, without a file: those checks never get as far as reading it.
    case = factories.CaseFactory(organisation=organisation)
    document = Document.objects.create(
        case=case, kind=Document.Kind.IOP_AGREEMENT, version=1, context={}
    )
    return {"pk": document.pk}


@object_url("documents:signing_pdf")
@object_url("documents:signing_report")
def _signing(organisation) -> dict:
    # A signing by click: no signed PDF and no report, so every role gets 404 here; who sees an
    # electronic signing's files is tested in tests/documents/test_signatures.py.
    document = Document.objects.create(
        case=factories.CaseFactory(organisation=organisation),
        kind=Document.Kind.IOP_AGREEMENT,
        version=1,
        context={},
    )
    signing = Signing.objects.create(
        document=document,
        party=organisation.name,
        signer=factories.member(organisation),
        signer_name="x",
        method=Signing.Method.PORTAL_CLICK,
        sha256="0" * 64,
    )
    return {"pk": signing.pk}
