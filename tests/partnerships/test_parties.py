"""The parties of an IOP are legal persons: the municipality is one, through the boards that
decide and act for it; another public body (a state university, a region) is a party of its
own; a company is never a public party. Every organisation named as a party accepts being one
before the draft goes further, and the agreement names the parties as such."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from pypdf import PdfReader

from casework.models import AuditEvent
from documents import rendering
from documents.kinds import Kind
from organisations.models import Organisation
from partnerships import documents, selectors, services
from partnerships.models import Party
from tests import factories

from .helpers import AGREEMENT, ASSESSMENT, SCREENING

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(organisation):
    """An assignment to investigate a partnership of the association ``organisation``, Malmö
    universitet and the municipality through Fritidsnämnden and Kulturnämnden."""
    frn = factories.BoardFactory(name="Fritidsnämnden")
    kn = factories.BoardFactory(name="Kulturnämnden")
    university = factories.OrganisationFactory(
        name="Malmö universitet", kind=Organisation.Kind.ACADEMIA, org_number="202100-4078"
    )
    return {
        "officer": factories.staff(),
        "frn": frn,
        "kn": kn,
        "association": organisation,
        "university": university,
        "member": factories.member(organisation),
        "researcher": factories.member(university),
    }


def _parties(cast, *extra) -> list:
    return [
        services.PartyInput(cast["frn"].administration, Party.Side.PUBLIC, board=cast["frn"]),
        services.PartyInput(cast["kn"].administration, Party.Side.PUBLIC, board=cast["kn"]),
        services.PartyInput(cast["association"], Party.Side.IDEA_BASED),
        services.PartyInput(cast["university"], Party.Side.PUBLIC),
        *extra,
    ]


def _assignment(cast, *extra):
    return services.inquiry_register_assignment(
        acting_user=cast["officer"],
        assignment_reference="KS 2026-02-04 § 31",
        lead=cast["association"],
        title="Kraftsamling",
        purpose="Syfte",
        target_group="Unga",
        public_benefit_goal="Mål",
        parties=_parties(cast, *extra),
    )


def _to_co_creation(cast):
    inquiry = _assignment(cast)
    officer = cast["officer"]
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=ASSESSMENT)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    money = inquiry.parties.get(board=cast["frn"])
    services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data=AGREEMENT,
        contributions=[
            services.ContributionInput(
                money, "money", "Verksamhetsbidrag", 500_000, cast["association"]
            ),
            services.ContributionInput(
                inquiry.parties.get(board=cast["kn"]), "premises", "Lokaler", 100_000
            ),
            services.ContributionInput(
                inquiry.parties.get(organisation=cast["university"]),
                "staff_hours",
                "Följeforskning",
                80_000,
            ),
        ],
    )
    return inquiry


def _accept_all(cast, inquiry):
    for party, who in ((cast["association"], "member"), (cast["university"], "researcher")):
        services.party_accept(
            inquiry=inquiry, party=inquiry.parties.get(organisation=party), acting_user=cast[who]
        )


@pytest.mark.parametrize(
    ("kind", "side", "refusal"),
    [
        (
            "company",
            Party.Side.PUBLIC,
            "är ett företag: ett företag kan aldrig vara offentlig part",
        ),
        ("company", Party.Side.IDEA_BASED, "är ett företag"),
        ("association", Party.Side.PUBLIC, "är inte en offentlig aktör"),
        ("academia", Party.Side.IDEA_BASED, "är inte en idéburen organisation"),
    ],
)
def test_a_party_on_a_side_it_cannot_be_on_is_refused_in_swedish(cast, kind, side, refusal):
    wrong = factories.OrganisationFactory(name="Bolaget AB", kind=kind)
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        _assignment(cast, services.PartyInput(wrong, side))
    assert refusal in error.value.messages[0]
    assert error.value.messages[0].startswith("Bolaget AB ")


def test_a_region_is_a_public_party_of_its_own(cast):
    region = factories.OrganisationFactory(name="Region Skåne", kind="public_body")
    inquiry = _assignment(cast, services.PartyInput(region, Party.Side.PUBLIC))
    names = [(legal.name, legal.is_public) for legal in selectors.legal_parties(inquiry)]
    assert names == [
        ("Malmö stad", True),
        (cast["association"].name, False),
        ("Malmö universitet", True),
        ("Region Skåne", True),
    ]


def test_the_municipality_is_one_legal_person_and_each_board_still_decides(cast):
    inquiry = _assignment(cast)
    (city, association, university) = selectors.legal_parties(inquiry)
    assert city.is_municipality and city.org_number == "212000-1124"
    assert city.boards == (cast["frn"], cast["kn"])
    assert not association.is_municipality and not university.is_municipality
    assert selectors.deciding_boards(inquiry) == [cast["frn"], cast["kn"]]
    # Every party other than the municipality is one of the case's parties: its members see it.
    assert set(inquiry.case.parties.all()) == {cast["university"]}
    assert inquiry.case.organisation == cast["association"]


def test_the_proposer_accepts_by_proposing_and_the_others_are_asked(organisation):
    university = factories.OrganisationFactory(kind="academia")
    proposer = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=proposer, partners=[university])
    by_organisation = {party.organisation: party for party in inquiry.parties.all()}
    assert by_organisation[organisation].accepted_by == proposer
    assert by_organisation[organisation].accepted_at is not None
    assert by_organisation[university].awaits_acceptance
    assert not any(p.awaits_acceptance for p in inquiry.parties.filter(board__isnull=False))


def test_the_draft_goes_no_further_until_every_party_has_accepted(cast):
    inquiry = _to_co_creation(cast)
    officer = cast["officer"]
    with translation.override("sv"):
        for service in (services.co_creation_finish, services.draft_send_for_review):
            with pytest.raises(ValidationError) as error:
                service(inquiry=inquiry, acting_user=officer)
            assert error.value.messages == [
                f"{cast['association'].name}, Malmö universitet måste acceptera att vara part "
                "innan utkastet går vidare."
            ]
    _accept_all(cast, inquiry)
    services.co_creation_finish(inquiry=inquiry, acting_user=officer)
    inquiry.refresh_from_db()
    assert inquiry.status == "memo"
    accepted = AuditEvent.objects.filter(case=inquiry.case, action="party_accepted")
    assert {e.actor for e in accepted} == {cast["member"], cast["researcher"]}


def test_only_the_party_s_own_members_accept_for_it_and_only_once(cast):
    inquiry = _assignment(cast)
    university = inquiry.parties.get(organisation=cast["university"])
    for stranger in (cast["member"], cast["officer"], factories.member()):
        with pytest.raises(PermissionDenied):
            services.party_accept(inquiry=inquiry, party=university, acting_user=stranger)
    city = inquiry.parties.get(board=cast["frn"])
    with pytest.raises(PermissionDenied):  # the municipality decides through its boards
        services.party_accept(inquiry=inquiry, party=city, acting_user=cast["officer"])
    services.party_accept(inquiry=inquiry, party=university, acting_user=cast["researcher"])
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        services.party_accept(inquiry=inquiry, party=university, acting_user=cast["researcher"])
    assert "har redan accepterat att vara part" in error.value.messages[0]


def _agreement_text(cast, inquiry, monkeypatch) -> str:
    contexts = []
    monkeypatch.setattr(
        documents, "document_request", lambda **kwargs: contexts.append(kwargs["context"])
    )
    documents.request_final_agreement(selectors.latest_version(inquiry), cast["officer"])
    pages = PdfReader(io.BytesIO(rendering.render_pdf(Kind.IOP_AGREEMENT, contexts[0]))).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_the_agreement_names_the_municipality_once_through_its_boards(cast, monkeypatch):
    inquiry = _to_co_creation(cast)
    text = _agreement_text(cast, inquiry, monkeypatch)
    parties = text[text.index("Parter") : text.index("Bakgrund och värdegrund")]
    assert "1. Malmö stad genom fritidsnämnden och kulturnämnden (offentlig part)" in parties
    assert "Organisationsnummer 212000-1124" in parties
    assert f"2. {cast['association'].name} (idéburen part)" in parties
    assert f"Organisationsnummer {cast['association'].org_number}" in parties
    assert "3. Malmö universitet (offentlig part) Organisationsnummer 202100-4078" in parties
    # The boards are not parties, and the administrations' own numbers are not the city's.
    assert "4." not in parties and "Fritidsnämnden" not in parties
    assert cast["frn"].administration.org_number not in text
    # Each contribution is its legal person's; the board it comes through is named.
    assert "Verksamhetsbidrag (genom fritidsnämnden)" in text
    assert "Lokaler (genom kulturnämnden)" in text
