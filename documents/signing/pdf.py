# ruff: noqa: S603, S607 - runs fontconfig's and poppler's tools, found on the PATH
"""Signing a PDF with pyHanko's interrupted signing: the field and its appearance are prepared
here, only the digest of the signed byte range goes to the signing service, and the CMS that
comes back is embedded as an incremental update (PAdES). The seal adds validation data for
every signature (DSS) and a document time stamp (PAdES B-LTA)."""

import functools
import re
import subprocess
import tempfile
from dataclasses import dataclass
from io import BytesIO

from asgiref.sync import async_to_sync
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.validation import async_add_validation_info
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import pki, validation
from .local import timestamper
from .service import SignRequest, signing_service

DIGEST = "sha256"
RESERVED = 32768  # bytes for the CMS: certificates and a time stamp fit well within
CAPTION = "Underskrift"  # the caption under each signature line of the signature page
BOX_WIDTH, BOX_HEIGHT = 215, 30


@dataclass(frozen=True)
class Place:
    page: int  # zero-based
    box: tuple[int, int, int, int]


@functools.cache
def _font_path() -> str:
    """Liberation Sans (the documents' font) for the signature's appearance, embedded as a
    subset. pyHanko writes glyph widths in font units and PDF reads them per 1,000 units of
    the em, so the font is scaled to 1,000 units once and kept beside the PKI."""
    scaled = pki.pki_dir() / "stamp-font.ttf"
    if not scaled.exists():
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Liberation Sans"],
            capture_output=True,
            text=True,
            check=True,
        )
        font = TTFont(found.stdout.strip())
        scale_upem(font, 1000)
        scaled.parent.mkdir(parents=True, exist_ok=True)
        font.save(scaled)
    return str(scaled)


def signature_places(data: bytes) -> list[Place]:
    """The signature lines of the signature page, in the order of the places printed (party by
    party, signatory by signatory): each box lies on the line above its caption."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        html = subprocess.run(
            # In the order the PDF draws its words (the document's order), not in an order
            # read off the layout: a party's name on two lines moves its row in the latter.
            ["pdftotext", "-raw", "-bbox", pdf.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    places = []
    for number, page in enumerate(re.findall(r"<page ([^>]*)>(.*?)</page>", html, re.S)):
        height = float(re.search(r'height="([\d.]+)"', page[0]).group(1))
        for x, y in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>' + CAPTION + "</word>", page[1]
        ):
            bottom = int(height - float(y) + 2)
            left = int(float(x))
            places.append(
                Place(page=number, box=(left, bottom, left + BOX_WIDTH, bottom + BOX_HEIGHT))
            )
    return places


def _stamp() -> TextStampStyle:
    return TextStampStyle(
        # One item a line, so that a long name or organisation is not cut at the box's edge.
        stamp_text="%(heading)s · %(when)s\n%(name)s\n%(organisation)s",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(_font_path()), font_size=7),
        border_width=0,
        background=None,
        # From the line's left edge, made smaller where a long name would not fit the box.
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


def sign_pdf(
    data: bytes,
    *,
    field_name: str,
    place: Place | None,
    request: SignRequest,
    stamp: dict,
    trusted=None,
) -> bytes:
    """``data`` with one more signature in ``field_name`` (created at ``place``). ``request``
    carries no digest yet: it is filled in here. A seal (``request.seal``) is preceded by
    validation data for the signatures before it and followed by a document time stamp."""
    if request.seal:
        data = _add_validation_data(data, trusted)
    writer = IncrementalPdfFileWriter(BytesIO(data))
    seal = request.seal
    certificate = signers_chain = None
    if seal:
        # The seal's certificate is known before signing, so pyHanko gathers its validation
        # data; a person's certificate is issued by the signing service as they sign.
        certificate, *chain = signing_service().seal_certificates()
        signers_chain = SimpleCertificateStore.from_certs(chain)
    placeholder = signers.ExternalSigner(
        signing_cert=certificate, cert_registry=signers_chain, signature_value=bytes(256)
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=DIGEST,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=stamp["heading"],
        name=request.signer_name,
        embed_validation_info=seal,
        validation_context=validation.context(trusted, fetching=True) if seal else None,
    )
    new_field = (
        fields.SigFieldSpec(field_name, on_page=place.page, box=place.box) if place else None
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=placeholder,
        timestamper=timestamper() if seal else None,
        stamp_style=_stamp(),
        new_field_spec=new_field,
    )
    prepared, tbs, output = async_to_sync(pdf_signer.async_digest_doc_for_signing)(
        writer, bytes_reserved=RESERVED, appearance_text_params=stamp
    )
    cms = signing_service().sign(
        SignRequest(
            document_digest=prepared.document_digest,
            digest_algorithm=DIGEST,
            signer_name=request.signer_name,
            signer_email=request.signer_email,
            organisation=request.organisation,
            reference=request.reference,
            seal=seal,
        )
    )
    async_to_sync(PdfTBSDocument.async_finish_signing)(
        output,
        prepared,
        cms,
        post_sign_instr=tbs.post_sign_instructions,
        validation_context=validation.context(trusted, fetching=True) if seal else None,
    )
    return output.getvalue()


def _add_validation_data(data: bytes, trusted) -> bytes:
    """Certificates and revocation data of every signature so far, in the DSS (PAdES B-LT)."""
    for index in range(len(PdfFileReader(BytesIO(data)).embedded_signatures)):
        signature = PdfFileReader(BytesIO(data)).embedded_signatures[index]
        output = async_to_sync(async_add_validation_info)(
            signature, validation.context(trusted, fetching=True), output=BytesIO()
        )
        data = output.getvalue()
    return data
