"""The local signing service for tests: the test PKI generated once per session into a
temporary folder, and certomancer's animator (time stamps, CRLs) in its own process."""

import contextlib
import socket

import pytest
from django.test import override_settings

from documents.signing import pki


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
    with contextlib.ExitStack() as stack:
        with override_settings(**values):  # only while it starts: tests opt in (below)
            pki.pki_init()
            stack.enter_context(pki.serving(port))
        yield values


@pytest.fixture
def signing_service(local_pki, settings):
    """Agreements signed with advanced electronic signatures in this test."""
    for name, value in local_pki.items():
        setattr(settings, name, value)
    return local_pki
