import hashlib

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import Document
from tests import factories
from tests.documents import access  # noqa: F401  (registers the document URLs)


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
