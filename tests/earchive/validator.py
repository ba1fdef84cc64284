"""eark-validator, working offline.

When its schematron module is imported, eark-validator 1.1.3 fetches four CSIP vocabularies
(content category, content information type, OAIS package type, status) from
earkcsip.dilcis.eu with ``urllib.request.urlopen``, although the same vocabularies ship inside
the package (``eark_validator/ipxml/resources/vocabs``). Tests run without a network, so the
import is made with ``urlopen`` answering those addresses from the shipped files; any other
address is refused. Everything else (the METS schemas, the CSIP and SIP schematron rules, the
IANA media types) the validator reads from its own files.
"""

import io
import urllib.request
from pathlib import Path
from unittest import mock

import eark_validator

_VOCABULARIES = Path(eark_validator.__file__).parent / "ipxml" / "resources" / "vocabs"
_HOST = "https://earkcsip.dilcis.eu/schema/"


def _shipped(url, *args, **kwargs):
    if not url.startswith(_HOST):
        raise OSError(f"No network in tests: {url}")
    return io.BytesIO((_VOCABULARIES / url.removeprefix(_HOST)).read_bytes())


with mock.patch.object(urllib.request, "urlopen", _shipped):
    from eark_validator.ipxml import schematron  # noqa: F401  (builds its tests on import)

from eark_validator.model.validation_report import Severity  # noqa: E402
from eark_validator.packages import PackageValidator  # noqa: E402
from eark_validator.specifications.specification import SpecificationVersion  # noqa: E402

# Two of eark-validator 1.1.3's rules contradict the specification they check, and no package
# can meet both them and the rules beside them; each is checked in tests/earchive for what the
# specification asks instead.
# - CSIP63's test holds only for a file group whose content information type is "OTHER": it
#   fails every Documentation and Schemas group (which have none) and the representation's
#   group, which CSIP62 requires to state its type (``citserms_v2_1``).
# - SIP14 asks the note of every CREATOR agent for an unqualified NOTETYPE="IDENTIFICATIONCODE";
#   CSIP15-16 require the software agent, a CREATOR, to have exactly one note, typed
#   csip:NOTETYPE="SOFTWARE VERSION" (and METS allows no unqualified attribute there).
RULES_CONTRADICTING_THE_SPECIFICATION = {"CSIP63", "SIP14"}


def findings(package_dir: Path, severity=Severity.ERROR) -> list[str]:
    """What the validator reports about an unpacked package at ``severity``, as rule ids with
    their messages (errors by default)."""
    report = PackageValidator.validate(SpecificationVersion.V2_1_0, package_dir)
    return [f"{result.rule_id}: {result.message}" for result in _results(report, severity)]


def errors(package_dir: Path) -> list[str]:
    """The errors, but for the rules that contradict the specification."""
    return [
        finding
        for finding in findings(package_dir)
        if finding.split(":")[0] not in RULES_CONTRADICTING_THE_SPECIFICATION
    ]


def _results(report, severity):
    results = list(report.structure.messages)
    if report.metadata is not None:
        results += report.metadata.schema_results.messages
        results += report.metadata.schematron_results.messages
    return [result for result in results if result.severity == severity]
