import hashlib

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import Document
from tests import factories
from tests.access import object_url


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Each test stores its documents in its own folder, outside the project."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def case(organisation):
    return factories.CaseFactory(organisation=organisation, title="Mötesplats Ängslätt")


def stored_document(case, *, kind=Document.Kind.IOP_AGREEMENT, status=Document.Status.FINAL):
    """A produced document without running WeasyPrint: for tests about access, not content."""
    pdf = b"%PDF-1.7\n% s\xc3\xa5 h\xc3\xa4r\n%%EOF\n"
    version = Document.objects.filter(case=case, kind=kind).count() + 1
    document = Document(case=case, kind=kind, version=version, status=status, context={})
    document.file.save(document.file_name, ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size, document.pages, document.rendered_at = len(pdf), 1, timezone.now()
    document.save()
    return document


# The project-wide check that every URL with an object id answers 404 to another
# organisation's member (tests/config/test_object_urls.py) finds the document URLs here.
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
