import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo import files
from tests import factories


@pytest.fixture
def programme(db):
    return factories.FundingProgrammeFactory(board=factories.BoardFactory(code="frn"))


@pytest.fixture
def eligible_organisation(organisation):
    return factories.eligible(organisation)


@pytest.fixture
def draft(eligible_organisation, programme, member):
    return factories.funding_draft(eligible_organisation, programme, member)


def pdf(name="budget.pdf", body=b"budget") -> SimpleUploadedFile:
    """A real one-page PDF showing ``body`` (uploads are checked by their structure)."""
    content = files.pdf(body.decode("ascii", "replace"))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office_file(name: str, parts: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return SimpleUploadedFile(name, buffer.getvalue())
