"""The package's METS files (E-ARK CSIP 2.1 with the SIP 2.1 profile, FGS Paketstruktur 2.0).

The root ``METS.xml``: the header with the creating software and the archival creator, the case
file (ERMS) as descriptive and the package's PREMIS as preservation metadata, one file group
each for the documentation, the schemas and the representation (its own METS), and the CSIP
structural map pointing to the representation's METS. ``representations/rep1/METS.xml``: the
representation's data files and its PREMIS.
"""

import hashlib
from dataclasses import dataclass

from lxml import etree

from .xml import child, serialise, stamp

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_M, _C, _X = f"{{{METS}}}", f"{{{CSIP}}}", f"{{{XLINK}}}"
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
# The content information type of a case file under E-ARK CITS ERMS 2.1 (CSIP's vocabulary).
CONTENT_INFORMATION_TYPE = "citserms_v2_1"
SCHEMA_LOCATIONS = " ".join(
    [
        METS,
        "https://www.loc.gov/standards/mets/mets.xsd",
        CSIP,
        "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd",
        SIP,
        "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd",
        XLINK,
        "https://www.loc.gov/standards/xlink/xlink.xsd",
    ]
)


@dataclass(frozen=True)
class Entry:
    """A file of the package as METS lists it."""

    path: str
    data: bytes
    content_type: str
    created: object

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _file_attributes(entry: Entry) -> dict:
    return {
        "MIMETYPE": entry.content_type,
        "SIZE": str(len(entry.data)),
        "CREATED": stamp(entry.created),
        "CHECKSUM": entry.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }


def _md_ref(parent, entry: Entry, mdtype: str, other: str = "") -> None:
    attributes = {
        "LOCTYPE": "URL",
        _X + "type": "simple",
        _X + "href": entry.path,
        "MDTYPE": mdtype,
        **({"OTHERMDTYPE": other} if other else {}),
        **_file_attributes(entry),
    }
    etree.SubElement(parent, _M + "mdRef", attributes)


def _file_group(parent, group_id: str, use: str, entries: list[Entry], **extra) -> None:
    group = child(parent, _M + "fileGrp", ID=group_id, USE=use, **extra)
    for number, entry in enumerate(entries, start=1):
        element = child(
            group, _M + "file", ID=f"{group_id}-file-{number}", **_file_attributes(entry)
        )
        etree.SubElement(
            element,
            _M + "FLocat",
            {"LOCTYPE": "URL", _X + "type": "simple", _X + "href": entry.path},
        )


def _header(root, created, *, creator: str, version: str) -> None:
    header = child(
        root,
        _M + "metsHdr",
        CREATEDATE=stamp(created),
        LASTMODDATE=stamp(created),
        RECORDSTATUS="NEW",
        **{_C + "OAISPACKAGETYPE": "SIP"},
    )
    software = child(header, _M + "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    child(software, _M + "name", "Samverkansportalen")
    child(software, _M + "note", version, **{_C + "NOTETYPE": "SOFTWARE VERSION"})
    archivist = child(header, _M + "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    child(archivist, _M + "name", creator)


def _root(package_id: str, label: str) -> etree._Element:
    return etree.Element(
        _M + "mets",
        {
            "OBJID": package_id,
            "LABEL": label,
            "TYPE": "Textual works – Digital",
            _C + "CONTENTINFORMATIONTYPE": CONTENT_INFORMATION_TYPE,
            "PROFILE": PROFILE,
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS,
        },
        nsmap={"mets": METS, "csip": CSIP, "sip": SIP, "xlink": XLINK, "xsi": XSI},
    )


def _preservation(root, premis: Entry) -> None:
    amd = child(root, _M + "amdSec")
    digiprov = child(amd, _M + "digiprovMD", ID="digiprov-premis", STATUS="CURRENT")
    _md_ref(digiprov, premis, "PREMIS")


def _struct_map(root, package_id: str, representation: Entry) -> None:
    struct_map = child(root, _M + "structMap", ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP")
    top = child(struct_map, _M + "div", ID="div-package", LABEL=package_id)
    child(
        top,
        _M + "div",
        ID="div-metadata",
        LABEL="Metadata",
        ADMID="digiprov-premis",
        DMDID="dmd-erms",
    )
    for group, label in [("documentation", "Documentation"), ("schemas", "Schemas")]:
        div = child(top, _M + "div", ID=f"div-{group}", LABEL=label)
        child(div, _M + "fptr", FILEID=f"grp-{group}")
    div = child(top, _M + "div", ID="div-representations", LABEL="Representations")
    child(div, _M + "fptr", FILEID="grp-representations")
    rep = child(div, _M + "div", ID="div-rep1", LABEL="Representations/rep1")
    etree.SubElement(
        rep,
        _M + "mptr",
        {
            "LOCTYPE": "URL",
            _X + "type": "simple",
            _X + "href": representation.path,
            _X + "title": "grp-representations",
        },
    )


def representation(
    *,
    package_id: str,
    label: str,
    creator: str,
    version: str,
    created,
    premis: Entry,
    data: list[Entry],
) -> bytes:
    """The representation's ``METS.xml``: its data files and its preservation metadata, with
    paths from the representation's folder."""
    root = _root(f"{package_id}-rep1", label)
    _header(root, created, creator=creator, version=version)
    _preservation(root, premis)
    file_sec = child(root, _M + "fileSec", ID="filesec")
    _file_group(file_sec, "grp-data", "Data", data)
    struct_map = child(root, _M + "structMap", ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP")
    top = child(struct_map, _M + "div", ID="div-rep1", LABEL="rep1")
    child(top, _M + "div", ID="div-metadata", LABEL="Metadata", ADMID="digiprov-premis")
    child(child(top, _M + "div", ID="div-data", LABEL="Data"), _M + "fptr", FILEID="grp-data")
    return serialise(root)


def document(
    *,
    package_id: str,
    label: str,
    creator: str,
    version: str,
    created,
    erms: Entry,
    premis: Entry,
    documentation: list[Entry],
    schemas: list[Entry],
    representation: Entry,
) -> bytes:
    """The package's root ``METS.xml``."""
    root = _root(package_id, label)
    _header(root, created, creator=creator, version=version)
    dmd = child(root, _M + "dmdSec", ID="dmd-erms", CREATED=stamp(created), STATUS="CURRENT")
    _md_ref(dmd, erms, "OTHER", "ERMS")
    _preservation(root, premis)
    file_sec = child(root, _M + "fileSec", ID="filesec")
    _file_group(file_sec, "grp-documentation", "Documentation", documentation)
    _file_group(file_sec, "grp-schemas", "Schemas", schemas)
    _file_group(
        file_sec,
        "grp-representations",
        "Representations/rep1",
        [representation],
        **{_C + "CONTENTINFORMATIONTYPE": CONTENT_INFORMATION_TYPE},
    )
    _struct_map(root, package_id, representation)
    return serialise(root)
