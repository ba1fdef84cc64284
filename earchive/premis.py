"""Preservation metadata (PREMIS 3.0), in two files.

``representations/rep1/metadata/preservation/premis.xml``: one object per file of the
representation with its SHA-256, size, format (with PRONOM's identifier for the PDF/A level)
and original name, and for each the event of its checksum being taken when it was produced or
received. ``metadata/preservation/premis.xml``: the representation, the package's creation and
the agents (the system and the archival creator).
"""

from django.conf import settings
from lxml import etree

from . import contents
from .erms import DATA, REPRESENTATION
from .xml import child, serialise, stamp

NS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_P = f"{{{NS}}}"
PATH = "metadata/preservation/premis.xml"
# The representation's own, beside its data: the same name under its folder.
REPRESENTATION_PATH = f"{REPRESENTATION}/{PATH}"
SYSTEM = "Samverkansportalen"


def _identifier(parent, tag: str, value: str, kind: str = "local") -> None:
    identifier = child(parent, _P + tag)
    child(identifier, _P + tag + "Type", kind)
    child(identifier, _P + tag + "Value", value)


def _object(root, record: contents.Record) -> None:
    element = child(root, _P + "object", **{f"{{{XSI}}}type": "premis:file"})
    _identifier(element, "objectIdentifier", f"{DATA}/{record.name}")
    characteristics = child(element, _P + "objectCharacteristics")
    child(characteristics, _P + "compositionLevel", "0")
    fixity = child(characteristics, _P + "fixity")
    child(fixity, _P + "messageDigestAlgorithm", "SHA-256")
    child(fixity, _P + "messageDigest", record.sha256)
    child(fixity, _P + "messageDigestOriginator", SYSTEM)
    child(characteristics, _P + "size", str(len(record.data)))
    format_ = child(characteristics, _P + "format")
    designation = child(format_, _P + "formatDesignation")
    child(designation, _P + "formatName", record.format.name)
    if record.format.version:
        child(designation, _P + "formatVersion", record.format.version)
    if record.format.pronom:
        registry = child(format_, _P + "formatRegistry")
        child(registry, _P + "formatRegistryName", "PRONOM")
        child(registry, _P + "formatRegistryKey", record.format.pronom)
    child(element, _P + "originalName", record.original_name)


def _event(root, key: str, kind: str, at, detail: str, objects: list[str]) -> None:
    event = child(root, _P + "event")
    _identifier(event, "eventIdentifier", key)
    child(event, _P + "eventType", kind)
    child(event, _P + "eventDateTime", stamp(at))
    child(child(event, _P + "eventDetailInformation"), _P + "eventDetail", detail)
    outcome = child(event, _P + "eventOutcomeInformation")
    child(outcome, _P + "eventOutcome", "success")
    _identifier(event, "linkingAgentIdentifier", SYSTEM)
    for name in objects:
        _identifier(event, "linkingObjectIdentifier", name)


def _agent(root, name: str, kind: str, version: str = "") -> None:
    agent = child(root, _P + "agent")
    _identifier(agent, "agentIdentifier", name)
    child(agent, _P + "agentName", name)
    child(agent, _P + "agentType", kind)
    if version:
        child(agent, _P + "agentVersion", version)


def representation_document(case_file: contents.CaseFile, version: str) -> bytes:
    """The representation's PREMIS: its files, each with the event of its checksum being
    taken when it was produced or received (nothing in it depends on the export's date)."""
    root = etree.Element(_P + "premis", {"version": "3.0"}, nsmap={"premis": NS, "xsi": XSI})
    for record in case_file.records:
        _object(root, record)
    for record in case_file.records:
        _event(
            root,
            f"digest-{record.key}",
            "message digest calculation",
            record.created,
            "SHA-256 taken when the file was produced or received",
            [f"{DATA}/{record.name}"],
        )
    _agent(root, SYSTEM, "software", version)
    return serialise(root)


def package_document(case_file: contents.CaseFile, created, version: str) -> bytes:
    """The package's PREMIS: the representation, the package's creation and the agents."""
    root = etree.Element(_P + "premis", {"version": "3.0"}, nsmap={"premis": NS, "xsi": XSI})
    representation = child(root, _P + "object", **{f"{{{XSI}}}type": "premis:representation"})
    _identifier(representation, "objectIdentifier", REPRESENTATION)
    _event(
        root,
        "package-created",
        "creation",
        created,
        f"Submission information package for {case_file.case.case_number}",
        [REPRESENTATION],
    )
    _agent(root, SYSTEM, "software", version)
    _agent(root, settings.CITY_NAME, "organization")
    return serialise(root)
