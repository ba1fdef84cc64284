"""The package's files, laid out as FGS Paketstruktur 2.0 (E-ARK CSIP/SIP 2.1) asks, and its
one archived form: an uncompressed tar with the package's folder at its root.

Everything but the creation date comes from the case, so the same case gives the same package:
the files are written in a fixed order, with fixed owners, modes and times.
"""

import io
import tarfile
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version

from django.template.loader import render_to_string
from django.utils import translation
from lxml import etree

from . import contents, erms, mets, premis
from .xml import stamp

DOCUMENTATION = "documentation/om-paketet.txt"
SCHEMAS = "schemas/katalog.xml"
# Where each namespace's schema is published: the package names them instead of copying them.
_SCHEMAS = {
    mets.METS: "https://www.loc.gov/standards/mets/mets.xsd",
    mets.CSIP: "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd",
    mets.SIP: "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd",
    mets.XLINK: "https://www.loc.gov/standards/xlink/xlink.xsd",
    premis.NS: "https://www.loc.gov/standards/premis/premis.xsd",
    erms.NS: "https://citserms.dilcis.eu/schema/ERMS.xsd",
}
_CATALOG = "urn:oasis:names:tc:entity:xmlns:xml:catalog"


@dataclass(frozen=True)
class Package:
    package_id: str
    created: datetime
    files: dict[str, bytes]

    @property
    def file_name(self) -> str:
        return f"{self.package_id}.tar"


def _software_version() -> str:
    try:
        return version("samverkansportalen")
    except PackageNotFoundError:  # run from the source tree, not installed
        return "0.1.0"


def _catalog() -> bytes:
    root = etree.Element(f"{{{_CATALOG}}}catalog", nsmap={None: _CATALOG})
    for namespace, location in sorted(_SCHEMAS.items()):
        etree.SubElement(root, f"{{{_CATALOG}}}uri", {"name": namespace, "uri": location})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build(case, *, created: datetime) -> Package:
    """The package of a closed case; refused (``PackageRefused``) when it cannot be made."""
    with translation.override("sv"):
        case_file = contents.case_file(case)
        if not case_file.records:
            raise contents.PackageRefused(f"{case.case_number} has no records to deliver.")
        software = _software_version()
        files = {
            erms.PATH: erms.document(case_file, created),
            premis.PATH: premis.package_document(case_file, created, software),
            premis.REPRESENTATION_PATH: premis.representation_document(case_file, software),
            DOCUMENTATION: render_to_string(
                "earchive/om-paketet.txt", {"case_file": case_file, "created": stamp(created)}
            ).encode(),
            SCHEMAS: _catalog(),
            **{f"{erms.DATA}/{record.name}": record.data for record in case_file.records},
        }
    files.update(_mets_files(case_file, files, created=created, software=software))
    return Package(case_file.package_id, created, files)


def _mets_files(case_file, files: dict[str, bytes], *, created, software: str) -> dict:
    """The representation's METS and the root METS, listing the other files."""
    common = {
        "package_id": case_file.package_id,
        "label": f"{case_file.case.case_number} {case_file.case.title}",
        "creator": case_file.creator,
        "version": software,
        "created": created,
    }
    representation = mets.representation(
        **common,
        premis=mets.Entry(premis.PATH, files[premis.REPRESENTATION_PATH], "text/xml", created),
        data=[
            mets.Entry(f"data/{record.name}", record.data, record.content_type, record.created)
            for record in case_file.records
        ],
    )
    rep_path = f"{erms.REPRESENTATION}/METS.xml"
    root = mets.document(
        **common,
        erms=mets.Entry(erms.PATH, files[erms.PATH], "text/xml", created),
        premis=mets.Entry(premis.PATH, files[premis.PATH], "text/xml", created),
        documentation=[mets.Entry(DOCUMENTATION, files[DOCUMENTATION], "text/plain", created)],
        schemas=[mets.Entry(SCHEMAS, files[SCHEMAS], "application/xml", created)],
        representation=mets.Entry(rep_path, representation, "text/xml", created),
    )
    return {rep_path: representation, "METS.xml": root}


def _folders(paths) -> list[str]:
    folders = set()
    for path in paths:
        parts = path.split("/")[:-1]
        folders.update("/".join(parts[: n + 1]) for n in range(len(parts)))
    return sorted(folders)


def tar(package: Package) -> bytes:
    """The package as one uncompressed tar, its folder named by the package's identifier."""
    buffer = io.BytesIO()
    moment = int(package.created.timestamp())
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in ["", *_folders(package.files)]:
            info = tarfile.TarInfo("/".join(filter(None, [package.package_id, name])))
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, moment
            archive.addfile(info)
        for path in sorted(package.files):
            data = package.files[path]
            info = tarfile.TarInfo(f"{package.package_id}/{path}")
            info.size, info.mode, info.mtime = len(data), 0o644, moment
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()
