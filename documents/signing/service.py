"""The signing service interface: what the portal sends (the digest, bound to the expected
signer, the organisation and the version) and what comes back (a CMS signature over it).

A production service (Inera's underskriftstjänst, or an e-ID broker's) is a class with the same
``sign`` and ``seal_certificates`` methods, named by ``settings.SIGNING_SERVICE``; see
docs/identity-and-signatures.md."""

from dataclasses import dataclass
from typing import Protocol

from asn1crypto import x509
from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SignRequest:
    """What leaves the portal: only the digest of the PDF's signed byte range, and whom it
    binds. ``signer_*`` is the person the portal expects (their login at assurance level 3 or
    higher); the service must refuse any other person."""

    document_digest: bytes
    digest_algorithm: str
    signer_name: str
    signer_email: str
    organisation: str
    reference: str  # the document and its version, e.g. "SK-2026-00042 iop_agreement v2"
    seal: bool = False  # the municipality's organisation certificate, no person


class SigningService(Protocol):
    def sign(self, request: SignRequest) -> bytes:
        """A detached CMS SignedData (DER) over ``request.document_digest`` with PAdES signed
        attributes (signing certificate v2, message digest), the signer's certificate and its
        chain; with a signature time stamp where the service has a TSA."""

    def seal_certificates(self) -> list[x509.Certificate]:
        """The municipality's seal certificate first, then the CAs up to its root: the seal's
        validation data is gathered before the service is sent its digest."""


def signing_service() -> SigningService:
    return import_string(settings.SIGNING_SERVICE)()
