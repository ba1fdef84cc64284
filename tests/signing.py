"""The local signing service for tests: the test PKI generated once per session into a
temporary folder, and certomancer's animator (time stamps, CRLs) in its own process."""

import socket
import subprocess
import time

import pytest
from django.test import override_settings

from documents.signing import pki


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("The PKI's animator stopped.")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)  # the animator takes a moment to listen; not a wait for a result
    raise RuntimeError("The PKI's animator did not start.")


@pytest.fixture(scope="session")
def local_pki(tmp_path_factory):
    """The PKI's settings, with its animator serving on a port of its own."""
    port = _free_port()
    values = {
        "SIGNING_PKI_DIR": tmp_path_factory.mktemp("pki"),
        "SIGNING_PKI_URL": f"http://127.0.0.1:{port}",
        "SIGNING_SERVICE": "documents.signing.local.LocalSigningService",
        "SIGNING_TSA_URL": None,
    }
    with override_settings(**values):
        pki.pki_init()
        process = subprocess.Popen(  # noqa: S603 - our own command
            pki.animator_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    try:
        _wait_for(port, process)
        yield values
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def signing_service(local_pki, settings):
    """Agreements signed with advanced electronic signatures in this test."""
    for name, value in local_pki.items():
        setattr(settings, name, value)
    return local_pki
