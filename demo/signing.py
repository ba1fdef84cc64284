"""The demo's agreements are signed as the portal signs them: with the local signing service,
its test PKI (generated on first use) and its time-stamping authority, served while the demo
loads. Without the animator the demo signs without time stamps and says so."""

import contextlib

from django.conf import settings
from django.test import override_settings

from documents.signing import pki


@contextlib.contextmanager
def signing_service(out):
    if settings.SIGNING_SERVICE != "documents.signing.local.LocalSigningService":
        yield  # no signing service (signed by click), or a real one configured
        return
    pki.pki_init()
    try:
        with pki.serving():
            yield
    except pki.PKIMissing:
        out.write("The local time-stamping authority did not start: signed without time stamps.")
        with override_settings(SIGNING_TSA_URL=""):
            yield
