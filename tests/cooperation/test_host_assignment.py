"""The host assignment as an agreement on record: registered, produced by the worker as a
final document in Swedish with the content an agreement needs, signed by the host
organisation's signatory and the board's authorised person, sealed, and kept where the old
address leads."""

import io
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework.models import Case
from common.assurance import ASSURANCE_SESSION_KEY
from cooperation.services import areas as services
from cooperation.services.host_assignment import host_assignment_sign
from documents.kinds import Kind
from documents.models import Document, Signing
from documents.signing import validation
from followup.selectors import report
from organisations.models import BoardSigningAuthority, Role
from tests import factories
from tests.signing import local_pki, signing_service  # noqa: F401 - the fixtures used

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def _read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


def _at_level(client, level: int) -> None:
    session = client.session
    session[ASSURANCE_SESSION_KEY] = level
    session.save()


def _pair(django_capture_on_commit_callbacks):
    """A recorded pair whose organisation has an approved signatory and whose administration's
    board has authorised its chair to sign; the worker has produced the assignment."""
    organisation = factories.OrganisationFactory(name="Föreningen Trygga Gator")
    board = factories.BoardFactory(name="Fritidsnämnden", administration__name="Fritidsförv.")
    chair = factories.staff(Role.OFFICER, first_name="Ordf", last_name="Nämndsson")
    BoardSigningAuthority.objects.create(
        board=board,
        person=chair,
        office="Nämndens ordförande",
        protocol_reference="FRN 2026-01-28 § 4",
        valid_from=timezone.localdate() - timedelta(days=1),
    )
    signatory = factories.MembershipFactory(
        organisation=organisation,
        role=Role.SIGNATORY,
        user=factories.UserFactory(first_name="Firma", last_name="Tecknarsson"),
    ).user
    host = factories.member(organisation, first_name="Hanna", last_name="Värdsson")
    with django_capture_on_commit_callbacks(execute=True):
        pair = services.host_pair_record(
            area=factories.ChallengeAreaFactory(name="Trygghet och social hållbarhet"),
            organisation=organisation,
            administration=board.administration,
            period_start=date(2026, 1, 1),
            period_end=date(2027, 12, 31),
            assignment="Värdarna leder områdets dialogforum två gånger per termin.",
            organisation_contribution="Föreningens värd, tio timmar i månaden.",
            city_contribution="Lokal och samordning.",
            organisation_hosts=[host],
            acting_user=factories.staff(Role.COORDINATOR),
        )
    return pair, signatory, chair, host


def test_recording_hosts_registers_the_assignment_and_the_worker_produces_it_in_swedish(
    client, django_capture_on_commit_callbacks
):
    pair, signatory, chair, host = _pair(django_capture_on_commit_callbacks)

    assert pair.case.kind == Case.Kind.HOST_ASSIGNMENT
    assert pair.case.organisation == pair.organisation
    assert list(pair.case.parties.all()) == [pair.administration]
    document = Document.objects.get(case=pair.case)
    assert document.kind == Kind.HOST_ASSIGNMENT and document.is_final and document.is_ready
    text = _text(_read(document.file))
    # The parties, the assignment, the period, what each contributes.
    assert "Överenskommelse om värdskap" in text and pair.case.case_number in text
    assert "Malmö stad" in text and "212000-1124" in text and "genom fritidsförv." in text
    assert "Föreningen Trygga Gator" in text and pair.organisation.org_number in text
    assert "Värdarna leder områdets dialogforum två gånger per termin." in text
    assert "Hanna Värdsson, Föreningen Trygga Gator" in text
    assert "från och med den 1 januari 2026 till och med den 31 december 2027" in text
    assert "Föreningens värd, tio timmar i månaden." in text and "Lokal och samordning." in text
    # Termination, personal data, public record.
    assert "en (1) månads uppsägningstid" in text and "med omedelbar verkan" in text
    assert "personuppgiftsansvarig" in text and "(EU) 2016/679" in text
    assert "artikel 28" in text and "offentlighets- och sekretesslagen" in text
    # The signature page names who signs and by what right.
    assert "Underskrifter" in text and text.count("Underskrift") >= 3
    assert "Ordf Nämndsson, Nämndens ordförande" in text and "FRN 2026-01-28 § 4" in text
    assert "Firma Tecknarsson, Firmatecknare" in text and "Teckningsrätt enligt" in text

    # The old address leads to the stored agreement; the host reads it, an outsider does not.
    old = reverse("cooperation:host_assignment_pdf", args=[pair.pk])
    client.force_login(host)
    response = client.get(old)
    assert response.url == reverse("documents:document_download", args=[document.pk])
    assert b"".join(client.get(response.url).streaming_content) == _read(document.file)
    page = client.get(reverse("cooperation:area_detail", args=[pair.area.slug])).content.decode()
    assert document.get_absolute_url() in page
    # Its case and the document's page (with its progress while produced) open as any case's.
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get(pair.case.get_absolute_url()).status_code == 200
    client.force_login(factories.staff(Role.COORDINATOR))
    assert client.get(pair.case.get_absolute_url()).status_code == 200
    assert client.get(reverse("casework:case_list"), {"kind": "host_assignment"}).status_code == 200
    client.force_login(host)
    # A coordinator makes a new version only when the pair has changed, however often asked.
    client.force_login(factories.staff(Role.COORDINATOR))
    make = reverse("cooperation:host_assignment_make", args=[pair.pk])
    assert client.post(make).url == document.get_absolute_url()
    pair.assignment = "Värdarna leder även en idéverkstad per år."
    pair.save()
    client.post(make)
    client.post(make)
    assert list(pair.case.documents.values_list("version", flat=True)) == [2, 1]
    client.force_login(factories.member())
    assert client.get(old).status_code == 404
    assert client.get(response.url).status_code == 404
    page = client.get(reverse("cooperation:area_detail", args=[pair.area.slug])).content.decode()
    assert document.get_absolute_url() not in page


@pytest.mark.usefixtures("signing_service")
def test_both_parties_sign_in_their_places_and_the_municipality_seals(
    client, django_capture_on_commit_callbacks
):
    pair, signatory, chair, host = _pair(django_capture_on_commit_callbacks)
    document = Document.objects.get(case=pair.case)
    with pytest.raises(PermissionDenied):
        host_assignment_sign(pair=pair, acting_user=host)

    client.force_login(signatory)
    page = client.get(reverse("cooperation:area_detail", args=[pair.area.slug])).content.decode()
    assert reverse("cooperation:host_assignment_sign", args=[pair.pk]) in page
    # Signing binds the party: not from a password login (assurance level 1).
    _at_level(client, 1)
    client.post(reverse("cooperation:host_assignment_sign", args=[pair.pk]))
    assert not document.signings.exists()
    _at_level(client, 3)
    client.post(reverse("cooperation:host_assignment_sign", args=[pair.pk]))
    client.post(reverse("cooperation:host_assignment_sign", args=[pair.pk]))  # once only
    assert document.signings.count() == 1
    host_assignment_sign(pair=pair, acting_user=chair)

    signings = list(document.signings.order_by("pk"))
    assert [s.method for s in signings] == [
        Signing.Method.ADVANCED,
        Signing.Method.ADVANCED,
        Signing.Method.SEAL,
    ]
    assert [s.party for s in signings[:2]] == [pair.organisation.name, settings.CITY_NAME]
    assert signings[1].authority == "Bemyndigad genom beslut i FRN 2026-01-28 § 4"
    report = validation.validate(_read(signings[-1].signed_file))
    assert report["valid"], validation.report_text(report)
    people = [e for e in report["signatures"] if e["kind"] == "signature"]
    assert len(people) == 3 and all(e["valid"] and e["intact"] for e in people)
    assert "Common Name: Firma Tecknarsson" in people[0]["signer"]
    assert "Common Name: Ordf Nämndsson" in people[1]["signer"]
    assert f"Organization: {settings.CITY_NAME}" in people[2]["signer"]


def test_a_host_assignment_is_no_matter_awaiting_decision_in_the_yearly_figures():
    case = factories.CaseFactory(kind=Case.Kind.HOST_ASSIGNMENT)
    Case.objects.filter(pk=case.pk).update(registered_at=timezone.now() - timedelta(days=400))
    year = report.Year(timezone.localdate().year)

    assert report.past_six_months(year) == 0
    assert Case.Kind.HOST_ASSIGNMENT not in [time.kind for time in report.handling_times(year)]
