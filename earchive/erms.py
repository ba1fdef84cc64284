"""The case file as FGS Ärendehantering 2.0 (E-ARK CITS ERMS 2.1) describes one:
``metadata/descriptive/erms.xml``.

One aggregation of the type ``caseFile`` per case (the case number as its object id), with its
classification, title, status, parties, registration, decision and closing dates, every action
of the audit log with its date and who did it, and one record per document or attachment with
its dates, author and the path of its file in the package.
"""

import uuid

from django.conf import settings
from lxml import etree

from . import contents
from .xml import child, serialise, stamp

NS = "https://DILCIS.eu/XML/ERMS"
_E = f"{{{NS}}}"
PATH = "metadata/descriptive/erms.xml"
REPRESENTATION = "representations/rep1"
DATA = f"{REPRESENTATION}/data"


def _id(package_id: str, key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:{package_id}:{key}"))


def _control(root, case_file: contents.CaseFile, created) -> None:
    control = child(root, _E + "control")
    child(control, _E + "identification", case_file.creator, identificationType="archivalCreator")
    child(control, _E + "identification", "Samverkansportalen", identificationType="system")
    maintenance = child(control, _E + "maintenanceInformation")
    child(maintenance, _E + "maintenanceStatus", value="new")
    agency = child(maintenance, _E + "maintenanceAgency")
    child(agency, _E + "agencyName", settings.CITY_NAME)
    history = child(maintenance, _E + "maintenanceHistory")
    event = child(history, _E + "maintenanceEvent")
    child(event, _E + "eventType", value="created")
    child(event, _E + "eventDateTime", stamp(created))
    agent = child(event, _E + "agent", agentType="creator")
    child(agent, _E + "name", "Samverkansportalen")


def _agent(parent, agent_type: str, name: str, *, id_number: str = "", role: str = "") -> None:
    agent = child(parent, _E + "agent", agentType=agent_type)
    child(agent, _E + "name", name)
    if id_number:
        child(agent, _E + "idNumber", id_number, idNumberType="organisationsnummer")
    if role:
        child(agent, _E + "role", role)


def _dates(parent, tag: str, dates: list[tuple[str, object]]) -> None:
    dates = [(kind, moment) for kind, moment in dates if moment is not None]
    if dates:
        group = child(parent, _E + "dates")
        for kind, moment in dates:
            child(group, _E + tag, stamp(moment), dateType=kind)


def _action(parent, action: contents.Action) -> None:
    element = child(parent, _E + "action")
    child(element, _E + "actionText", action.text)
    if action.reason:
        child(element, _E + "actionMotivation", action.reason)
    child(element, _E + "actionType", action.key)
    _dates(element, "actionDate", [("finished", action.at)])
    agents = child(element, _E + "agents")
    child(child(agents, _E + "agent", agentType="user"), _E + "name", action.by)


def _record(parent, case_file: contents.CaseFile, record: contents.Record) -> None:
    case = case_file.case
    element = child(
        parent,
        _E + "record",
        systemIdentifier=_id(case_file.package_id, record.key),
        recordType=record.kind,
        recordPhysicalOrDigital="digital",
    )
    child(element, _E + "objectId", f"{case.case_number}:{record.key}")
    child(element, _E + "title", record.title)
    direction = "outgoing" if record.outgoing else "incoming"
    child(element, _E + "direction", directionDefinition=direction)
    agents = child(element, _E + "agents")
    _agent(agents, "creator" if record.outgoing else "sender", record.author)
    _dates(element, "date", [("created" if record.outgoing else "received", record.created)])
    information = child(element, _E + "additionalInformation")
    child(
        information,
        _E + "appendix",
        name=record.original_name,
        path=f"file:///{DATA}/{record.name}",
        fileFormat=record.format.name,
    )


def document(case_file: contents.CaseFile, created) -> bytes:
    case = case_file.case
    root = etree.Element(_E + "erms", nsmap={None: NS})
    _control(root, case_file, created)
    aggregation = child(
        child(root, _E + "aggregations"),
        _E + "aggregation",
        systemIdentifier=_id(case_file.package_id, "case"),
        aggregationType="caseFile",
    )
    child(aggregation, _E + "objectId", case.case_number)
    child(
        aggregation,
        _E + "classification",
        case_file.classification,
        classificationCode=case_file.classification_code,
    )
    child(aggregation, _E + "title", case.title)
    child(aggregation, _E + "status", value="closed")
    agents = child(aggregation, _E + "agents")
    _agent(agents, "owner", case_file.creator, role="Ansvarig myndighet")
    for party in case_file.parties:
        _agent(agents, "counterpart", party.name, id_number=party.org_number, role="Part")
    _dates(
        aggregation,
        "date",
        [
            ("created", case.registered_at),
            ("decision", case.decided_at),
            ("closed", case.closed_at),
        ],
    )
    for action in case_file.actions:
        _action(aggregation, action)
    for record in case_file.records:
        _record(aggregation, case_file, record)
    return serialise(root)
