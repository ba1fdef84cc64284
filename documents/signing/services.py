"""Signing a final document electronically: each signature (or the municipality's seal) is an
incremental update of the PDF as the signature before left it, validated on receipt; the PDF
after each one is kept with its signing record beside the document, which never changes."""

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import events

from ..actions import DocumentAction
from ..kinds import Kind
from ..models import Document, FinalDocumentError, Signing
from ..producing import document_to_sign
from . import pdf, validation
from .service import SignRequest

logger = logging.getLogger(__name__)

# The municipality's letters of decision and memos are sealed once final (no person signs them).
SEALED = {Kind.DECISION_LETTER, Kind.REPAYMENT_CLAIM, Kind.DEMAND_REJECTION, Kind.BOARD_MEMO}


def latest_signing(document: Document) -> Signing | None:
    """The last electronic signing of ``document`` (its PDF carries every signature so far)."""
    return document.signings.exclude(signed_file="").order_by("-signed_at", "-pk").first()


def latest_pdf(document: Document, original: bytes) -> bytes:
    """The PDF as its last electronic signature left it (``original`` when none has signed),
    checked against the checksum kept with that signature."""
    last = latest_signing(document)
    if last is None:
        return original
    with last.signed_file.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != last.signed_sha256:
        raise FinalDocumentError("The stored signed PDF is not the one that was signed.")
    return data


def place_index(context: dict, *, party: str, signer: str) -> int | None:
    """Which place of the signature page is ``signer``'s for ``party``: the places are printed
    party by party, each signatory in turn (one empty place for a party that names none)."""
    index, empty = 0, None
    for printed in context.get("parties", []):
        for signatory in printed.get("signatories") or [{"name": ""}]:
            if printed.get("name") == party:
                if signatory.get("name") == signer:
                    return index
                if empty is None and not signatory.get("name"):
                    empty = index
            index += 1
    return empty


@transaction.atomic
def document_sign_electronically(
    *,
    document: Document,
    acting_user,
    party: str,
    signer_role: str = "",
    authority: str = "",
    seal: bool = False,
) -> Signing:
    """``acting_user`` signs the final ``document`` for ``party`` with an advanced electronic
    signature in the place printed for them (``seal``: the municipality seals it, no person).
    Only the digest goes to the signing service; the signature is validated on receipt and
    refused if it does not hold. The record keeps the PDF as signed and the report."""
    document, original = document_to_sign(document)
    data = latest_pdf(document, original)
    number = document.signings.count() + 1
    name = settings.CITY_NAME if seal else str(acting_user)
    when = timezone.localtime()
    places = [] if seal else pdf.signature_places(data)  # a seal has no place on the page
    index = None if seal else place_index(document.context, party=party, signer=name)
    field = (
        _("The seal of %(city)s") % {"city": settings.CITY_NAME}
        if seal
        else _("Signature %(number)s, %(party)s") % {"number": number, "party": party}
    )
    signed = pdf.sign_pdf(
        data,
        field_name=field[:100].replace(".", " "),
        place=places[index] if index is not None and index < len(places) else None,
        request=SignRequest(
            document_digest=b"",
            digest_algorithm=pdf.DIGEST,
            signer_name=name,
            signer_email="" if seal else acting_user.email,
            organisation=party,
            reference=f"{document.case.case_number} {document.kind} v{document.version}",
            seal=seal,
        ),
        stamp={
            "heading": _("Electronically sealed") if seal else _("Electronically signed"),
            "name": name,
            "organisation": party,
            "when": f"{when:%Y-%m-%d %H:%M}",
        },
    )
    report = validation.validate(signed, fetching=True)
    if not report["valid"]:
        raise ValidationError(
            _("The signature did not hold when it was validated, so it is not kept: %(report)s")
            % {"report": validation.report_text(report)}
        )
    signing = Signing(
        document=document,
        party=party,
        signer=acting_user,
        signer_name=name,
        signer_role=signer_role,
        authority=authority,
        method=Signing.Method.SEAL if seal else Signing.Method.ADVANCED,
        sha256=hashlib.sha256(data).hexdigest(),
        field_name=field[:100],
        signed_sha256=hashlib.sha256(signed).hexdigest(),
        validation=report,
        valid=True,
    )
    signing.signed_file.save(
        f"{document.file_name.removesuffix('.pdf')}-signerad-{number}.pdf",
        ContentFile(signed),
        save=False,
    )
    signing.full_clean()
    signing.save()
    events.record(
        document,
        acting_user,
        DocumentAction.SIGNED,
        data={
            "version": document.version,
            "sha256": signing.sha256,
            "signed_sha256": signing.signed_sha256,
            "party": party,
            "method": signing.method,
            "valid": True,
        },
    )
    return signing


def document_seal(*, document_id: int) -> None:
    """Seal a final letter or memo with the municipality's organisation certificate, once it
    is produced: a signing beside it, with the sealed PDF and its validation report; the
    document does not change. A signing service out of reach leaves it unsealed, and the log
    says so."""
    if not settings.SIGNING_SERVICE:
        return
    document = Document.objects.filter(pk=document_id).select_related("created_by").first()
    if (
        document is None
        or not (document.is_final and document.is_ready and document.kind in SEALED)
        or document.created_by is None
        or document.signings.exists()
    ):
        return
    try:
        document_sign_electronically(
            document=document, acting_user=document.created_by, party=settings.CITY_NAME, seal=True
        )
    except Exception:  # the document stands unsealed; sealing again is a later signing
        logger.exception("Document %s could not be sealed", document_id)
