"""Who signs an IOP agreement, and the signing on record beside the final PDF, which never
changes: an association through a signatory whose right an officer approved on evidence, the
city through the person its deciding board authorised."""

import hashlib
import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from documents.kinds import Kind
from documents.models import Document, FinalDocumentError, Signing
from organisations import policy as org_policy
from organisations import services as org_services
from organisations.models import EligibilityEvidence, Role
from partnerships import forms, services
from partnerships.models import Party, Status
from tests import factories

from .helpers import AGREEMENT, ASSESSMENT, SCREENING, signed_inquiry

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _final_agreement(inquiry) -> Document:
    return Document.objects.get(case=inquiry.case, kind=Kind.IOP_AGREEMENT, status="final")


def test_the_final_pdf_is_unchanged_by_the_signings_kept_beside_it(organisation):
    inquiry = signed_inquiry(organisation)

    assert inquiry.status == Status.ACTIVE
    document = _final_agreement(inquiry)
    with document.file.open("rb") as stored:
        pdf = stored.read()
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    signings = list(document.signings.order_by("pk"))
    assert len(signings) == inquiry.parties.count() == 2
    assert {signing.sha256 for signing in signings} == {document.sha256}
    assert {s.document_sha256 for s in inquiry.signatures.all()} == {document.sha256}
    assert {signing.method for signing in signings} == {Signing.Method.PORTAL_CLICK}
    assert [s.record_id for s in inquiry.signatures.order_by("pk")] == [s.pk for s in signings]
    # One final agreement, produced once: signing never makes a new version or a new file.
    assert Document.objects.filter(case=inquiry.case, kind=Kind.IOP_AGREEMENT).count() == 1
    events = inquiry.case.events.filter(action="document_rendered")
    assert events.count() == 1


def test_the_final_pdf_has_a_place_for_each_signatory_before_anyone_signs(organisation):
    inquiry = signed_inquiry(organisation)
    document = _final_agreement(inquiry)
    with document.file.open("rb") as stored:
        text = _text(stored.read())

    assert "Underskrifter" in text
    signature_page = text[text.rindex("Underskrifter") :]
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    decision = inquiry.board_decisions.get()
    signatory = organisation.memberships.get(role=Role.SIGNATORY).user
    # The municipality signs as the one legal person it is, through the person its board named.
    assert f"För {settings.CITY_NAME}" in signature_page
    assert f"För {public.name}" not in signature_page
    assert f"För {organisation.name}" in signature_page
    assert f"{signatory}, Firmatecknare" in signature_page
    assert str(decision.signatory) in signature_page
    assert f"Bemyndigad genom beslut i {public.name}, 2025-12-01 § 1" in signature_page
    assert "Ort och datum" in signature_page and "Underskrift" in signature_page


def test_the_signings_are_shown_with_the_document(client, organisation):
    inquiry = signed_inquiry(organisation)
    document = _final_agreement(inquiry)
    client.force_login(factories.member(organisation))

    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()

    assert "Undertecknanden" in page and "Klick i portalen efter inloggning" in page
    assert page.count(document.sha256) >= 3  # the document's own, then each signing's
    for signing in document.signings.all():
        assert signing.signer_name in page and signing.party in page


def test_a_signing_on_record_is_never_changed_or_deleted(organisation):
    signing = _final_agreement(signed_inquiry(organisation)).signings.first()
    signing.method = "other"
    with pytest.raises(FinalDocumentError):
        signing.save()
    with pytest.raises(FinalDocumentError):
        signing.delete()


@pytest.fixture
def at_signing(organisation):
    """An inquiry the boards approved, before anyone signed: its people and parties."""
    officer, board = factories.staff(), factories.BoardFactory()
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    # A director of the board's administration, whom the board authorises to sign.
    authorised = factories.MembershipFactory(
        organisation=board.administration, role=Role.OFFICER
    ).user
    inquiry = factories.iop_inquiry(organisation, boards=[board])
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=ASSESSMENT)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data=AGREEMENT,
        contributions=[],
    )
    services.co_creation_finish(inquiry=inquiry, acting_user=officer)
    services.memo_write(
        inquiry=inquiry, acting_user=officer, summary="s", proposal="p", distribution="d"
    )
    return {
        "inquiry": inquiry,
        "board": board,
        "secretary": secretary,
        "authorised": authorised,
        "officer": officer,
        "public": inquiry.parties.get(side=Party.Side.PUBLIC),
        "idea_based": inquiry.parties.get(side=Party.Side.IDEA_BASED),
    }


def _approve(people, **kwargs):
    return services.board_decision_record(
        inquiry=people["inquiry"],
        board=people["board"],
        acting_user=people["secretary"],
        outcome="approved",
        meeting_date=date(2025, 12, 1),
        protocol_paragraph="§ 7",
        **kwargs,
    )


def test_a_board_approves_only_naming_whom_it_authorises_from_its_administration(at_signing):
    with pytest.raises(ValidationError) as missing:
        _approve(at_signing)
    assert "signatory" in missing.value.message_dict
    with pytest.raises(ValidationError) as outsider:
        _approve(at_signing, signatory=factories.staff())
    assert "signatory" in outsider.value.message_dict

    decision = _approve(at_signing, signatory=at_signing["authorised"], signatory_title="Direktör")

    assert decision.signatory == at_signing["authorised"]
    assert decision.reference.endswith("2025-12-01 § 7")


def test_the_decision_form_asks_for_the_authorised_person_when_the_board_approves(at_signing):
    data = {"outcome": "approved", "meeting_date": "2025-12-01", "protocol_paragraph": "§ 7"}
    form = forms.BoardDecisionForm(data, board=at_signing["board"])
    assert not form.is_valid() and "signatory" in form.errors
    people = list(form.fields["signatory"].queryset)
    assert at_signing["authorised"] in people and at_signing["officer"] not in people
    returned = forms.BoardDecisionForm({**data, "outcome": "returned"}, board=at_signing["board"])
    assert returned.is_valid(), returned.errors


def test_only_the_person_the_board_authorised_signs_for_the_city(at_signing):
    _approve(at_signing, signatory=at_signing["authorised"])
    inquiry, public = at_signing["inquiry"], at_signing["public"]
    for someone in (at_signing["officer"], at_signing["secretary"]):
        with pytest.raises(PermissionDenied) as refusal:
            services.agreement_sign(inquiry=inquiry, party=public, acting_user=someone)
        assert "bemyndigade" in str(refusal.value)

    signature = services.agreement_sign(
        inquiry=inquiry, party=public, acting_user=at_signing["authorised"]
    )

    assert signature.record.signer == at_signing["authorised"]
    assert signature.record.authority.startswith("Bemyndigad genom beslut i")
    with pytest.raises(ValidationError):
        services.agreement_sign(inquiry=inquiry, party=public, acting_user=at_signing["authorised"])


def test_a_signatory_signs_only_once_an_officer_approved_the_evidence_of_the_right(
    at_signing, organisation
):
    _approve(at_signing, signatory=at_signing["authorised"])
    inquiry, idea_based = at_signing["inquiry"], at_signing["idea_based"]
    membership = factories.MembershipFactory(
        organisation=organisation, role=Role.SIGNATORY, right_to_sign=False
    )
    signatory, member = membership.user, factories.member(organisation)
    for someone in (member, signatory):
        with pytest.raises(PermissionDenied) as refusal:
            services.agreement_sign(inquiry=inquiry, party=idea_based, acting_user=someone)
        assert "firmatecknare" in str(refusal.value)

    evidence = factories.EvidenceFactory(
        organisation=organisation, kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT
    )
    membership.signing_evidence = evidence
    membership.save()
    with pytest.raises(PermissionDenied):  # an association's member approves nothing
        org_services.signatory_approve(membership=membership, acting_user=member)
    org_services.signatory_approve(membership=membership, acting_user=at_signing["officer"])
    membership.refresh_from_db()
    assert membership.signing_approved_by == at_signing["officer"] and membership.may_sign
    signatory = type(signatory).objects.get(pk=signatory.pk)  # roles are read once a request

    signature = services.agreement_sign(inquiry=inquiry, party=idea_based, acting_user=signatory)

    assert signature.record.signer_role == "Firmatecknare"
    assert "godkänd" in signature.record.authority


def test_an_officer_approves_only_a_signatorys_right_on_evidence_valid_today(organisation):
    officer = factories.staff()
    membership = factories.MembershipFactory(
        organisation=organisation, role=Role.SIGNATORY, right_to_sign=False
    )
    with pytest.raises(ValidationError):
        org_services.signatory_approve(membership=membership, acting_user=officer)
    expired = factories.EvidenceFactory(
        organisation=organisation,
        kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT,
        given_on=date(2020, 1, 1),
        expires_on=date(2021, 1, 1),
    )
    membership.signing_evidence = expired
    membership.save()
    with pytest.raises(ValidationError):
        org_services.signatory_approve(membership=membership, acting_user=officer)
    assert not org_policy.is_signatory_for(membership.user, organisation.pk)


def test_evidence_of_another_organisation_shows_no_right_to_sign(organisation):
    membership = factories.MembershipFactory(
        organisation=organisation, role=Role.SIGNATORY, right_to_sign=False
    )
    membership.signing_evidence = factories.EvidenceFactory(
        kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT
    )
    with pytest.raises(ValidationError) as refusal:
        membership.full_clean()
    assert "signing_evidence" in refusal.value.message_dict
