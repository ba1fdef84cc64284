# ruff: noqa: S607 - runs poppler's and NSS's tools, found on the PATH
"""Advanced electronic signatures on the final agreement (PAdES with pyHanko): each party's
signatory signs in their place on the signature page as an incremental update, the
municipality seals it with validation data embedded (B-LT), and every signature is valid by
pyHanko's validator and by poppler's pdfsig; the refusals; a tampered PDF does not validate."""

import datetime
import io
import re
import subprocess

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader

from documents import samples
from documents.kinds import Kind
from documents.models import Document, Signing
from documents.services import document_request
from documents.signing import pki, validation
from organisations.models import Role
from partnerships import services
from partnerships.models import Status
from tests import factories
from tests.partnerships.helpers import approved_inquiry, signed_inquiry
from tests.signing import local_pki, pdfsig, signing_service  # noqa: F401 - the fixtures used

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_service")]


def _final(inquiry) -> Document:
    return Document.objects.get(case=inquiry.case, kind=Kind.IOP_AGREEMENT, status="final")


def _read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


def test_every_party_signs_in_its_place_and_the_municipality_seals(organisation, tmp_path):
    # A name long enough to take two lines in its column's heading, which moves the column's
    # signature line below its neighbour's: each party still signs in its own place.
    organisation.name = "Föreningen för samverkan och gemenskap i Herrgården och Rosengård"
    organisation.save()
    inquiry = signed_inquiry(organisation)

    assert inquiry.status == Status.ACTIVE
    document = _final(inquiry)
    signings = list(document.signings.order_by("pk"))
    assert [s.method for s in signings] == [
        Signing.Method.ADVANCED,
        Signing.Method.ADVANCED,
        Signing.Method.SEAL,
    ]
    # Each signature is an incremental update of the PDF the one before left.
    original = _read(document.file)
    pdfs = [_read(s.signed_file) for s in signings]
    assert pdfs[0].startswith(original)
    assert pdfs[1].startswith(pdfs[0]) and pdfs[2].startswith(pdfs[1])
    assert signings[1].sha256 == signings[0].signed_sha256
    signed = pdfs[-1]

    report = validation.validate(signed)
    assert report["valid"], validation.report_text(report)
    people = [e for e in report["signatures"] if e["kind"] == "signature"]
    assert len(people) == 3
    assert all(e["valid"] and e["intact"] and e["trusted"] and e["timestamp"] for e in people)
    signatory = organisation.memberships.get(role=Role.SIGNATORY).user
    secretary = inquiry.board_decisions.get().signatory
    assert f"Common Name: {signatory}" in people[0]["signer"] + people[1]["signer"]
    assert f"Common Name: {secretary}" in people[0]["signer"] + people[1]["signer"]
    assert f"Organization: {settings.CITY_NAME}" in people[2]["signer"]
    # Each signing carries its report, and the signature record the validation result.
    assert all(s.valid and s.validation["valid"] for s in signings)
    assert all(s.record.valid for s in inquiry.signatures.all())

    # Independently: poppler's pdfsig finds every signature valid and its certificate trusted.
    checked = pdfsig(signed, tmp_path)
    assert checked.count("Signature Validation: Signature is Valid.") == 3, checked
    assert checked.count("Certificate Validation: Certificate is Trusted.") == 3, checked

    # The signed PDF keeps what PDF/A needs: its identification, every font embedded, no
    # encryption; the fields sit on the signature page, in the places printed.
    (tmp_path / "signed.pdf").write_bytes(signed)
    meta = subprocess.run(
        ["pdfinfo", "-meta", tmp_path / "signed.pdf"], capture_output=True, text=True
    ).stdout
    info = subprocess.run(["pdfinfo", tmp_path / "signed.pdf"], capture_output=True, text=True)
    assert 'pdfaid:part="3"' in meta and re.search(r"Encrypted:\s+no", info.stdout)
    fonts = subprocess.run(
        ["pdffonts", tmp_path / "signed.pdf"], capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in fonts), fonts
    reader = PdfReader(io.BytesIO(signed))
    last = reader.pages[len(reader.pages) - 1]
    widgets = [a.get_object() for a in last.get("/Annots", [])]
    names = sorted(str(w["/T"]) for w in widgets if w.get("/FT") == "/Sig")
    assert names == [
        f"Underskrift 1, {organisation.name}",
        f"Underskrift 2, {settings.CITY_NAME}",
    ] or names == [f"Underskrift 1, {settings.CITY_NAME}", f"Underskrift 2, {organisation.name}"]
    assert all(w["/Rect"][3] - w["/Rect"][1] > 20 for w in widgets if w.get("/FT") == "/Sig")
    # The association's column is printed first (left), the municipality's beside it.
    middle = float(last.mediabox.width) / 2
    left = {str(w["/T"]).split(", ", 1)[1]: float(w["/Rect"][0]) < middle for w in widgets}
    assert left == {organisation.name: True, settings.CITY_NAME: False}, left


def test_a_tampered_pdf_does_not_validate_and_the_report_says_so(organisation):
    signed = _read(_final(signed_inquiry(organisation)).signings.last().signed_file)
    at = signed.index(b"Avtal")
    tampered = signed[:at] + b"Avtar" + signed[at + 5 :]

    report = validation.validate(tampered)

    assert not report["valid"]
    text = validation.report_text(report)
    assert "INTE GILTIG" in text
    assert "Handlingen har ändrats efter att underskriften gjordes." in text


def test_an_agreement_half_signed_by_click_is_signed_to_the_end_and_sealed(organisation, settings):
    """Cases in flight: a party signed by click before this release (the signing beside the PDF,
    migration 0008 gives it no signed PDF and no report); the next party signs electronically,
    the municipality seals, and the partnership is active."""
    service, settings.SIGNING_SERVICE = settings.SIGNING_SERVICE, ""
    inquiry, signer_of = approved_inquiry(organisation)
    first, second = inquiry.parties.order_by("pk")
    services.agreement_sign(inquiry=inquiry, party=first, acting_user=signer_of(first))
    settings.SIGNING_SERVICE = service

    services.agreement_sign(inquiry=inquiry, party=second, acting_user=signer_of(second))

    inquiry.refresh_from_db()
    assert inquiry.status == Status.ACTIVE
    click, signed, seal = _final(inquiry).signings.order_by("pk")
    assert click.method == Signing.Method.PORTAL_CLICK and not click.is_electronic
    assert click.valid is None and click.validation == {}
    assert (signed.method, seal.method) == (Signing.Method.ADVANCED, Signing.Method.SEAL)
    assert validation.validate(_read(seal.signed_file))["valid"]


def _sealed_letter(capture) -> Document:
    case = factories.CaseFactory()
    with capture(execute=True):
        document = document_request(
            case=case,
            kind=Kind.DECISION_LETTER,
            context=samples.decision(case_number=case.case_number),
            acting_user=factories.staff(),
            final=True,
        )
    document.refresh_from_db()
    return document


def test_a_final_decision_letter_is_sealed_by_the_municipality(
    django_capture_on_commit_callbacks, tmp_path
):
    document = _sealed_letter(django_capture_on_commit_callbacks)

    (seal,) = document.signings.all()
    assert seal.method == Signing.Method.SEAL and seal.valid
    sealed = _read(seal.signed_file)
    assert sealed.startswith(_read(document.file))
    (entry,) = validation.validate(sealed)["signatures"]
    assert entry["valid"] and entry["timestamp"]
    assert f"Organization: {settings.CITY_NAME}" in entry["signer"]
    assert pdfsig(sealed, tmp_path).count("Signature Validation: Signature is Valid.") == 1


def test_the_document_s_download_is_the_signed_pdf_for_the_parties_and_no_one_else(
    client, organisation
):
    """Once signed, the document page's download is the PDF as its seal left it, every
    signature in it; whoever may see the document downloads it, anyone else gets 404."""
    document = _final(signed_inquiry(organisation))
    url = reverse("documents:document_download", args=[document.pk])

    client.force_login(organisation.memberships.get(role=Role.SIGNATORY).user)
    response = client.get(url)

    assert response.status_code == 200
    assert "-signerad.pdf" in response["Content-Disposition"]
    downloaded = b"".join(response.streaming_content)
    assert downloaded == _read(document.signings.order_by("pk").last().signed_file)
    assert len(PdfFileReader(io.BytesIO(downloaded)).embedded_signatures) == 3
    client.force_login(factories.member(factories.OrganisationFactory()))
    assert client.get(url).status_code == 404


def test_signatures_are_validated_against_the_configured_trust_roots(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    """Production names its signing service's roots (SIGNING_TRUST_ROOTS, PEM files): a seal
    that chains to them is valid, one that chains to no root named there is not trusted."""
    sealed = _read(_sealed_letter(django_capture_on_commit_callbacks).signings.get().signed_file)
    root = tmp_path / "root.pem"
    root.write_bytes(pem.armor("CERTIFICATE", pki.cert("root").dump()))
    stranger = tmp_path / "other.pem"
    stranger.write_bytes(pem.armor("CERTIFICATE", _self_signed().dump()))

    settings.SIGNING_TRUST_ROOTS = [str(stranger), str(root)]
    assert validation.validate(sealed)["valid"]
    settings.SIGNING_TRUST_ROOTS = [str(stranger)]
    report = validation.validate(sealed)
    assert not report["valid"] and not report["signatures"][0]["trusted"]
    assert "INTE GILTIG" in validation.report_text(report)


def _self_signed():
    """A root of another CA altogether."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "En annan CA")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
