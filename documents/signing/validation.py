"""Every signature and time stamp of a signed PDF, validated with pyHanko's validator against
the trusted roots (``SIGNING_TRUST_ROOTS`` in production, the local test CA in the demo and CI):
a report kept beside the document (JSON), and its Swedish text."""

from io import BytesIO

from asgiref.sync import async_to_sync
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

from documents.language import in_document_language

from . import pki


def trust_roots() -> list[asn1_x509.Certificate]:
    """The roots a signature must chain to: the certificates in the PEM files of
    ``settings.SIGNING_TRUST_ROOTS`` (the production signing service's CAs and its time-stamping
    authority's), or the local test CA's root when none are configured (the demo and CI)."""
    if not settings.SIGNING_TRUST_ROOTS:
        return [pki.cert("root")]
    roots = []
    for path in settings.SIGNING_TRUST_ROOTS:
        with open(path, "rb") as pem_file:
            for _kind, _headers, der in pem.unarmor(pem_file.read(), multiple=True):
                roots.append(asn1_x509.Certificate.load(der))
    return roots


def context(trusted=None, *, fetching: bool = False) -> ValidationContext:
    """Trust in ``trusted``, else in the configured roots (``trust_roots``); ``fetching``
    fetches revocation data from the issuers (on receipt and when sealing). With the local
    test CA its issuing CA is known too; a real service's signatures carry their chain."""
    local = not (trusted or settings.SIGNING_TRUST_ROOTS)
    return ValidationContext(
        trust_roots=trusted or trust_roots(),
        other_certs=[pki.cert("signers")] if local else [],
        allow_fetching=fetching,
    )


def validate(data: bytes, trusted=None, *, fetching: bool = False) -> dict:
    """The validation report of ``data``: one entry per signature or document time stamp, in
    the order they were made, and ``valid`` when every one is intact, trusted and covers what
    it should (only the changes allowed after a signature follow it)."""
    report = {"validated_at": timezone.now().isoformat(), "signatures": [], "valid": False}
    try:
        embedded = PdfFileReader(BytesIO(data)).embedded_signatures
        entries = [_entry(signature, context(trusted, fetching=fetching)) for signature in embedded]
    except Exception as error:  # noqa: BLE001 - whatever the file is, the report says so
        report["error"] = f"{type(error).__name__}: {error}"
        return report
    report["signatures"] = entries
    report["valid"] = bool(entries) and all(entry["valid"] for entry in entries)
    return report


def _entry(signature, validation_context) -> dict:
    is_timestamp = signature.sig_object_type == "/DocTimeStamp"
    if is_timestamp:
        status = async_to_sync(async_validate_pdf_timestamp)(
            signature, validation_context=validation_context
        )
    else:
        status = async_to_sync(async_validate_pdf_signature)(signature, validation_context)
    certificate = status.signing_cert
    modification = getattr(status, "modification_level", None)
    timestamp = getattr(status, "timestamp_validity", None)
    entry = {
        "field": signature.field_name,
        "kind": "document_timestamp" if is_timestamp else "signature",
        "signer": certificate.subject.human_friendly if certificate else "",
        "issuer": certificate.issuer.human_friendly if certificate else "",
        "intact": bool(status.intact),
        "valid": bool(status.intact and status.valid and status.trusted),
        "trusted": bool(status.trusted),
        "signed_at": _iso(getattr(status, "signer_reported_dt", None) or status.timestamp),
        "timestamp": _iso(timestamp.timestamp) if timestamp else None,
        "coverage": getattr(status, "coverage", None) and status.coverage.name,
        "modifications": modification.name if modification else None,
        "summary": status.summary(),
    }
    if not is_timestamp:
        entry["valid"] = entry["valid"] and bool(status.bottom_line)
    return entry


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


@in_document_language
def report_text(report: dict) -> str:
    """The report as the parties read it, in Swedish whatever language the reader uses (it is
    kept with the signed document, as the documents are)."""
    lines = [
        _("Validation of the signatures, %(when)s") % {"when": report["validated_at"][:19]},
        _("Result: every signature is valid.")
        if report["valid"]
        else _("Result: NOT VALID. The document or a signature does not hold."),
    ]
    if report.get("error"):
        lines.append(_("The signatures could not be read: %(error)s") % report)
    for entry in report["signatures"]:
        field = _("Time stamp") if entry["kind"] == "document_timestamp" else entry["field"]
        lines.append(f"{field}: {entry['signer']}")
        lines.append(
            "  " + (_("valid") if entry["valid"] else _("NOT VALID (%(summary)s)") % entry)
        )
        if not entry["intact"]:
            lines.append("  " + _("The document has been changed after this signature was made."))
        if entry["timestamp"]:
            lines.append("  " + _("time stamp: %(timestamp)s") % entry)
    return "\n".join(lines) + "\n"
