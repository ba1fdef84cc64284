"""The e-archive package of a closed case: a valid E-ARK SIP (FGS Paketstruktur 2.0) whose
checksums are the stored records' bytes', the same package when exported twice, and the case
marked exported."""

import hashlib
import io
import re
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from casework.models import AuditEvent
from casework.services import case_close
from documents.models import Document
from earchive import services
from earchive.models import CaseExport
from funding.models import Attachment
from tests import factories
from tests.earchive import validator

pytestmark = pytest.mark.django_db

CREATED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 12, 24, 15, 0, tzinfo=UTC)
NS = {
    "mets": "http://www.loc.gov/METS/",
    "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    "xlink": "http://www.w3.org/1999/xlink",
    "premis": "http://www.loc.gov/premis/v3",
    "erms": "https://DILCIS.eu/XML/ERMS",
}


def unpack(data: bytes, into: Path) -> Path:
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into)  # noqa: S202  (our own package, just written)
    (root,) = into.iterdir()
    return root


@pytest.fixture
def package(closed_case, tmp_path) -> Path:
    return unpack(services.package_bytes(closed_case, created=CREATED), tmp_path / "unpacked")


def xml(path: Path):
    return etree.parse(str(path)).getroot()


def test_the_package_of_a_closed_case_is_a_valid_e_ark_sip(closed_case, package):
    assert validator.errors(package) == []
    assert (package / "METS.xml").is_file()
    assert sorted(path.name for path in (package / "representations/rep1/data").iterdir()) == [
        f"{closed_case.case_number}-bilaga-{attachment.pk}.pdf"
        for attachment in Attachment.objects.filter(application__case=closed_case)
    ] + [document.file_name for document in Document.objects.filter(case=closed_case)]


def test_the_package_meets_what_the_validators_contradicting_rules_should_check(package):
    mets = xml(package / "METS.xml")

    representations = mets.find("mets:fileSec/mets:fileGrp[@USE='Representations/rep1']", NS)
    assert representations.get(f"{{{NS['csip']}}}CONTENTINFORMATIONTYPE") == "citserms_v2_1"
    (software,) = mets.findall("mets:metsHdr/mets:agent[@ROLE='CREATOR']", NS)
    (note,) = software.findall("mets:note", NS)
    assert note.get(f"{{{NS['csip']}}}NOTETYPE") == "SOFTWARE VERSION" and note.text
    assert (software.get("TYPE"), software.get("OTHERTYPE")) == ("OTHER", "SOFTWARE")


def test_checksums_in_mets_and_premis_are_those_of_the_stored_records(closed_case, package):
    stored = {}
    for document in Document.objects.filter(case=closed_case):
        with document.file.open("rb") as file:
            stored[document.file_name] = hashlib.sha256(file.read()).hexdigest()
        assert stored[document.file_name] == document.sha256
    for attachment in Attachment.objects.filter(application__case=closed_case):
        with attachment.file.open("rb") as file:
            digest = hashlib.sha256(file.read()).hexdigest()
        stored[f"{closed_case.case_number}-bilaga-{attachment.pk}.pdf"] = digest
        assert digest == attachment.sha256

    representation = xml(package / "representations/rep1/METS.xml")
    in_mets = {
        file.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href").removeprefix("data/"): file.get(
            "CHECKSUM"
        )
        for file in representation.findall("mets:fileSec/mets:fileGrp[@USE='Data']/", NS)
    }
    premis = xml(package / "representations/rep1/metadata/preservation/premis.xml")
    in_premis = {
        obj.findtext("premis:objectIdentifier/premis:objectIdentifierValue", namespaces=NS).rsplit(
            "/", 1
        )[1]: obj.findtext(
            "premis:objectCharacteristics/premis:fixity/premis:messageDigest", namespaces=NS
        )
        for obj in premis.findall("premis:object", NS)
    }
    assert in_mets == in_premis == stored


def _listed(mets, prefix: str = "") -> dict:
    """What a METS file lists, by path from the package's folder."""
    href = f"{{{NS['xlink']}}}href"
    files = {
        file.find("mets:FLocat", NS).get(href): file for file in mets.iter(f"{{{NS['mets']}}}file")
    }
    refs = {ref.get(href): ref for ref in mets.iter(f"{{{NS['mets']}}}mdRef")}
    return {prefix + path: element for path, element in {**files, **refs}.items()}


def test_every_file_of_the_package_is_listed_in_mets_with_its_size_and_checksum(package):
    listed = {
        **_listed(xml(package / "METS.xml")),
        **_listed(xml(package / "representations/rep1/METS.xml"), "representations/rep1/"),
    }
    on_disk = {
        str(path.relative_to(package)): path
        for path in package.rglob("*")
        if path.is_file() and path != package / "METS.xml"
    }

    assert set(listed) == set(on_disk)
    for name, path in on_disk.items():
        assert listed[name].get("CHECKSUM") == hashlib.sha256(path.read_bytes()).hexdigest()
        assert listed[name].get("SIZE") == str(path.stat().st_size)


def test_documents_are_in_the_package_as_pdf_a_and_attachments_as_received(closed_case, package):
    premis = xml(package / "representations/rep1/metadata/preservation/premis.xml")
    formats = {
        obj.findtext("premis:originalName", namespaces=NS): (
            obj.findtext(".//premis:formatName", namespaces=NS),
            obj.findtext(".//premis:formatRegistryKey", namespaces=NS),
        )
        for obj in premis.findall("premis:object", NS)
    }
    receipt = Document.objects.get(case=closed_case, kind=Document.Kind.SUBMISSION_RECEIPT)
    assert formats[receipt.download_name] == ("PDF/A-3b", "fmt/480")
    assert formats["Budget 2026.pdf"] == ("PDF", None)


def test_the_case_file_has_what_fgs_arendehantering_requires(closed_case, package):
    erms = xml(package / "metadata/descriptive/erms.xml")
    case = erms.find("erms:aggregations/erms:aggregation[@aggregationType='caseFile']", NS)

    assert (
        erms.find("erms:control/erms:identification[@identificationType='archivalCreator']", NS)
        is not None
    )
    assert (
        erms.find("erms:control/erms:maintenanceInformation/erms:maintenanceStatus", NS) is not None
    )
    assert case.findtext("erms:objectId", namespaces=NS) == closed_case.case_number
    assert case.findtext("erms:title", namespaces=NS) == "Sommarfotboll för unga"
    classification = case.find("erms:classification", NS)
    assert (classification.text, classification.get("classificationCode")) == (
        "Bidragsansökan",
        "funding_application",
    )
    assert case.find("erms:status", NS).get("value") == "closed"
    party = case.find("erms:agents/erms:agent[@agentType='counterpart']", NS)
    assert party.findtext("erms:name", namespaces=NS) == "Föreningen Ängsbacken"
    assert party.findtext("erms:idNumber", namespaces=NS) == closed_case.organisation.org_number
    dates = {date.get("dateType"): date.text for date in case.findall("erms:dates/erms:date", NS)}
    for kind, moment in (("created", closed_case.registered_at), ("closed", closed_case.closed_at)):
        assert dates[kind].startswith(timezone.localtime(moment).strftime("%Y-%m-%d"))

    actions = case.findall("erms:action", NS)
    assert len(actions) == AuditEvent.objects.filter(case=closed_case).count() > 3
    # The closing, wherever the events of the same moment (the records' appraisal) put it.
    (closing,) = [
        action
        for action in actions
        if action.findtext("erms:actionText", namespaces=NS).startswith("Ärendet avslutat")
    ]
    assert closing.findtext("erms:actionMotivation", namespaces=NS) == "Ärendet är avslutat."
    assert closing.findtext("erms:agents/erms:agent/erms:name", namespaces=NS) == "Olle Handläggare"
    assert closing.find("erms:dates/erms:actionDate", NS).get("dateType") == "finished"

    records = case.findall("erms:record", NS)
    assert len(records) == 2
    for record in records:
        assert record.findtext("erms:title", namespaces=NS)
        assert record.findtext("erms:agents/erms:agent/erms:name", namespaces=NS)
        assert record.find("erms:dates/erms:date", NS).text
        path = record.find("erms:additionalInformation/erms:appendix", NS).get("path")
        assert (package / path.removeprefix("file:///")).is_file()


def _normalised(data: bytes, created: datetime) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        files = {
            member.name: archive.extractfile(member).read()
            for member in archive.getmembers()
            if member.isfile()
        }
    stamp = re.escape(created.astimezone().isoformat(timespec="seconds")).encode()
    # METS lists the checksums of the files that carry the date: each is named by its file.
    sums = {hashlib.sha256(content).hexdigest().encode(): name for name, content in files.items()}
    normalised = {}
    for name, content in files.items():
        for digest, named in sums.items():
            content = content.replace(digest, named.encode())
        normalised[name] = re.sub(stamp, b"CREATED", content)
    return normalised


def test_exporting_twice_gives_the_same_package_apart_from_its_creation_date(closed_case):
    first = services.package_bytes(closed_case, created=CREATED)

    assert services.package_bytes(closed_case, created=CREATED) == first
    assert _normalised(services.package_bytes(closed_case, created=LATER), LATER) == _normalised(
        first, CREATED
    )


def test_writing_the_package_marks_the_case_exported(closed_case, tmp_path):
    officer = factories.staff()

    path = services.package_write(
        closed_case, tmp_path / "out", acting_user=officer, created=CREATED
    )
    again = services.package_write(closed_case, tmp_path / "out", created=LATER)

    export = CaseExport.objects.filter(case=closed_case).first()
    assert path == again == tmp_path / "out" / export.file_name
    assert (
        export.sha256
        == hashlib.sha256(services.package_bytes(closed_case, created=CREATED)).hexdigest()
    )
    assert (export.exported_by, export.exported_at, export.package_id) == (
        officer,
        CREATED,
        export.file_name.removesuffix(".tar"),
    )
    assert CaseExport.objects.filter(case=closed_case).count() == 2
    event = AuditEvent.objects.filter(case=closed_case, action="earchive_exported").first()
    assert (event.actor, event.data["sha256"]) == (officer, export.sha256)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [export.file_name]


def test_an_open_case_is_not_exported(tmp_path):
    case = factories.CaseFactory()

    with pytest.raises(services.PackageRefused):
        services.package_write(case, tmp_path)
    assert not CaseExport.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_record_whose_bytes_no_longer_match_its_checksum_is_not_exported(closed_case):
    attachment = Attachment.objects.get(application__case=closed_case)
    with attachment.file.open("wb") as file:
        file.write(b"%PDF-1.4\nchanged\n")

    with pytest.raises(services.PackageRefused, match="checksum"):
        services.package_bytes(closed_case)


def test_a_closed_case_without_records_is_not_exported():
    case = factories.CaseFactory()
    case = case_close(case=case, acting_user=factories.staff(), reason="Återkallad.")

    with pytest.raises(services.PackageRefused, match="no records"):
        services.package_bytes(case)
