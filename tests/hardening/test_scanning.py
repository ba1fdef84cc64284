"""Every upload is scanned by ClamAV before it is stored (``common/scanning.py``).

The tests marked with ``clamd`` talk to a real clamd at ``CLAMAV_ADDRESS`` (``.ci/run``
starts one with the EICAR test signature); without it they skip, which CI counts as a failure.
A scanner that does not answer, answers late or answers with an error is simulated here with
sockets on 127.0.0.1: the upload is then refused, never stored unscanned.
"""

import io
import logging
import socket
import threading
import zipfile

import pytest
from clamav_client.clamd import ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common import scanning, uploads
from demo import files
from funding.models import Attachment
from organisations.models import EligibilityEvidence
from tests import factories

pytestmark = pytest.mark.django_db

# The anti-virus test file (eicar.org): every scanner reports it, and it harms nothing.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
STOPPED = "stoppades av viruskontrollen och har inte sparats"
UNAVAILABLE = "kunde inte kontrolleras mot virus just nu och har därför inte sparats"


@pytest.fixture
def clamd():
    """The real scanner, as the settings name it (CI sets CLAMAV_ADDRESS)."""
    if not django_settings.CLAMAV_ADDRESS:
        pytest.skip("needs ClamAV's clamd at CLAMAV_ADDRESS; CI starts one")
    return django_settings.CLAMAV_ADDRESS


@pytest.fixture
def store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def draft(organisation):
    return factories.funding_draft(factories.eligible(organisation))


def _post(client, draft, upload):
    client.force_login(draft.created_by)
    url = reverse("funding:application_attachments", args=[draft.pk])
    return client.post(url, {"kind": "budget", "file": upload})


def _post_evidence(admin_client, admin_user, organisation, upload):
    return admin_client.post(
        reverse("admin:organisations_eligibilityevidence_add"),
        {
            "organisation": organisation.pk,
            "kind": "statutes",
            "given_on": "2026-03-01",
            "expires_on": "2027-03-01",
            "recorded_by": admin_user.pk,
            "file": upload,
        },
    )


def _nothing_stored(store) -> bool:
    return not Attachment.objects.exists() and not any(p.is_file() for p in store.rglob("*"))


def _docx_carrying(member: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/image1.bin", member)
    return buffer.getvalue()


# A real scanner ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("budget.pdf", EICAR), ("budget.docx", _docx_carrying(EICAR))],
    ids=["eicar-named-pdf", "eicar-inside-a-docx"],
)
def test_the_eicar_test_file_is_refused_and_nothing_stored(
    client, draft, store, clamd, name, content
):
    response = _post(client, draft, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert STOPPED in response.content.decode()
    assert _nothing_stored(store)


def test_the_eicar_test_file_is_refused_as_eligibility_evidence(
    admin_client, admin_user, organisation, store, clamd
):
    response = _post_evidence(
        admin_client, admin_user, organisation, SimpleUploadedFile("stadgar.pdf", EICAR)
    )
    assert response.status_code == 200  # the form again, with its message
    assert STOPPED in response.content.decode()
    assert not EligibilityEvidence.objects.exists()


def test_a_clean_file_is_scanned_and_stored(client, draft, store, clamd):
    upload = SimpleUploadedFile("budget.pdf", files.pdf("budget"))
    assert scanning.scan(upload) is True
    assert upload.tell() == 0  # the checks after the scan read it from the start
    response = _post(client, draft, SimpleUploadedFile("budget.pdf", files.pdf("budget")))
    assert response.status_code == 302
    assert Attachment.objects.count() == 1


# A scanner that is not there or does not do its work -----------------------------------------


def _port_where_nothing_listens() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    "address",
    [
        lambda tmp_path: f"tcp://127.0.0.1:{_port_where_nothing_listens()}",
        lambda tmp_path: f"unix://{tmp_path / 'no-clamd.ctl'}",
        lambda tmp_path: str(tmp_path / "no-clamd.ctl"),
    ],
    ids=["tcp", "unix-url", "unix-path"],
)
def test_a_scanner_that_does_not_answer_means_the_upload_is_refused(
    client, draft, store, settings, tmp_path, address
):
    settings.CLAMAV_ADDRESS = address(tmp_path)
    response = _post(client, draft, SimpleUploadedFile("budget.pdf", files.pdf("budget")))
    assert response.status_code == 400
    assert UNAVAILABLE in response.content.decode()
    assert _nothing_stored(store)


def _scanner_at_127_0_0_1(answer: bytes | None):
    """A listening socket that takes the file and then answers ``answer`` (or nothing)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(5)

    def serve():
        try:
            connection, _ = server.accept()
        except OSError:
            return
        with connection:
            connection.settimeout(5)
            received = b""
            while not received.endswith(b"\0\0\0\0"):  # the stream's closing chunk
                chunk = connection.recv(65536)
                if not chunk:
                    return
                received += chunk
            if answer is not None:
                connection.sendall(answer)
            else:
                connection.recv(1)  # until the client gives up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server, thread


@pytest.mark.parametrize(
    "answer",
    [None, b"stream: Can't allocate memory ERROR\n", b"INSTREAM size limit exceeded. ERROR\n"],
    ids=["never-answers", "error", "size-limit"],
)
def test_a_scanner_that_answers_late_or_with_an_error_means_the_upload_is_refused(
    client, draft, store, settings, answer
):
    server, thread = _scanner_at_127_0_0_1(answer)
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    settings.CLAMAV_TIMEOUT = 0.5
    try:
        response = _post(client, draft, SimpleUploadedFile("budget.pdf", files.pdf("budget")))
    finally:
        thread.join(timeout=5)
        server.close()
    assert response.status_code == 400
    assert UNAVAILABLE in response.content.decode()
    assert _nothing_stored(store)


# Without a scanner (the embedded demo only) ---------------------------------------------------


def test_without_a_scanner_address_uploads_are_stored_unscanned_and_said_to_be(
    client, draft, store, settings, caplog
):
    settings.CLAMAV_ADDRESS = ""
    with caplog.at_level(logging.WARNING, logger="common.scanning"):
        response = _post(client, draft, SimpleUploadedFile("budget.pdf", files.pdf("budget")))
    assert response.status_code == 302
    assert "Stored without a virus scan" in caplog.text
    [warning] = scanning.scanner_configured()
    assert warning.id == "common.W001"


def test_a_scanner_address_the_client_cannot_use_stops_the_system_check(settings):
    settings.CLAMAV_ADDRESS = "127.0.0.1:3310"  # no scheme: neither TCP nor a socket path
    [error] = scanning.scanner_configured()
    assert error.id == "common.E001"
    settings.CLAMAV_ADDRESS = "tcp://127.0.0.1:3310"
    assert scanning.scanner_configured() == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("tcp://127.0.0.1:3310", ClamdNetworkSocket),
        ("unix:///run/clamav/clamd.ctl", ClamdUnixSocket),
        ("/run/clamav/clamd.ctl", ClamdUnixSocket),
    ],
)
def test_the_scanner_address_names_a_tcp_port_or_a_unix_socket(address, kind):
    assert type(scanning.client(address)) is kind


@pytest.mark.parametrize("address", ["127.0.0.1:3310", "tcp://127.0.0.1", "http://x:1"])
def test_a_scanner_address_of_another_form_is_refused(address):
    with pytest.raises(ImproperlyConfigured):
        scanning.client(address)


def test_the_scan_comes_before_any_parser_reads_the_file(settings, monkeypatch):
    order = []
    monkeypatch.setattr(scanning, "scan", lambda upload: order.append("scan") or True)
    monkeypatch.setattr(uploads, "sniff", lambda upload: order.append("sniff") or uploads.PDF)
    uploads.check_upload(SimpleUploadedFile("budget.pdf", files.pdf("budget")))
    assert order == ["scan", "sniff"]
