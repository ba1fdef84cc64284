"""Background work for funding applications: thin, and safe to run twice."""

from celery import shared_task

from . import receipts


@shared_task(acks_late=True)
def request_receipt(application_id: int) -> None:
    """Ask for the receipt PDF of a submitted application (nothing if asked for already).

    What the receipt shows was fixed and checksummed in the submitting transaction
    (``FundingApplication.receipt``); the PDF is made from that record, whenever it is made.
    """
    receipts.request_receipt_document(application_id)
