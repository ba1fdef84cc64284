"""The registry's file drop hands over a closed case's E-ARK package: the connector's package
writer is the e-archive's (REGISTRY_PACKAGE_WRITER), and the package it drops is the one the
e-archive export makes and marks."""

import tarfile

import pytest

from earchive.models import CaseExport
from registry import tasks
from registry.models import OutboxEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def drop(settings, tmp_path):
    settings.REGISTRY_DROP_DIRECTORY = str(tmp_path / "drop")
    settings.REGISTRY_PACKAGE_WRITER = "earchive.services.package_write"
    return tmp_path / "drop"


def test_a_closed_case_is_dropped_with_its_e_ark_package(drop, closed_case):
    tasks.deliver_due_events()
    event = OutboxEvent.objects.get(kind="case.closed", case=closed_case)
    assert event.state == "delivered", event.last_error
    (package,) = (drop / str(event.key)).glob("*.tar")
    with tarfile.open(package) as archive:
        names = archive.getnames()
    assert any(name.endswith("/METS.xml") for name in names)
    assert CaseExport.objects.get(case=closed_case).file_name == package.name
