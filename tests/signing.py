# ruff: noqa: S603, S607 - runs poppler's and NSS's tools, found on the PATH
"""The local signing service for tests: the test PKI generated once per session into a
temporary folder, and certomancer's animator (time stamps, CRLs) in its own process."""

import contextlib
import socket
import subprocess

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


def pdfsig(data: bytes, tmp_path) -> str:
    """poppler's pdfsig's report on ``data``, trusting the local test CA's root (an NSS
    database of its own): an independent validator beside pyHanko's."""
    (tmp_path / "doc.pdf").write_bytes(data)
    (tmp_path / "root.der").write_bytes(pki.cert("root").dump())
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "C,C,C"]
        + ["-i", str(tmp_path / "root.der")],
        check=True,
    )
    found = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss}", str(tmp_path / "doc.pdf")],
        capture_output=True,
        text=True,
    )
    return found.stdout
