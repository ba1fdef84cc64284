"""The signing service of the demo and CI: it issues a certificate for each signing from the
local test CA and signs the digest it is sent, with a time stamp from the local TSA. Never for
production: it trusts the portal's word for who is signing."""

from asgiref.sync import async_to_sync
from django.conf import settings
from pyhanko.sign import signers, timestamps
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import pki
from .service import SignRequest


def timestamper():
    url = settings.SIGNING_TSA_URL
    if url is None:
        url = pki.tsa_url()
    return timestamps.HTTPTimeStamper(url) if url else None


class LocalSigningService:
    def seal_certificates(self) -> list:
        return [pki.cert("seal"), pki.cert("signers"), pki.cert("root")]

    def sign(self, request: SignRequest) -> bytes:
        if request.seal:
            certificate, key = pki.cert("seal"), pki.private_key("seal")
        else:
            certificate, key = pki.issue_signer_certificate(
                name=request.signer_name,
                email=request.signer_email,
                organisation=request.organisation,
            )
        signer = signers.SimpleSigner(
            signing_cert=certificate,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs(
                [pki.cert("signers"), pki.cert("root")]
            ),
        )
        signed = async_to_sync(signer.async_sign)(
            request.document_digest,
            request.digest_algorithm,
            use_pades=True,
            timestamper=timestamper(),
        )
        return signed.dump()
