"""A document is downloaded under a Swedish name: "FRN-2026-00012-kvitto-v1.pdf"."""

from casework.models import Case
from documents.kinds import DOWNLOAD_NAMES, Kind
from documents.models import Document


def test_every_kind_of_document_has_a_swedish_download_name():
    assert set(DOWNLOAD_NAMES) == set(Kind)


def test_a_receipt_is_downloaded_as_kvitto():
    document = Document(
        case=Case(case_number="FRN-2026-00012"), kind=Kind.SUBMISSION_RECEIPT, version=1
    )

    assert document.download_name == "FRN-2026-00012-kvitto-v1.pdf"
    assert document.file_name == "FRN-2026-00012-submission_receipt-v1.pdf"  # as stored
