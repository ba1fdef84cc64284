"""Every uploaded file is scanned for viruses by ClamAV (``clamd``) before it is stored.

The scanner is named by the setting ``CLAMAV_ADDRESS``: ``tcp://host:port`` or a Unix socket
(``unix:///run/clamav/clamd.ctl``, or just the path). The file is streamed to it (INSTREAM), so
the scanner needs no access to our file store. Production refuses to start without the address.

A scanner that does not answer, answers late (``CLAMAV_TIMEOUT`` seconds) or answers with an
error means the file is refused with a message to try again: with a scanner configured, no file
is ever stored unscanned. Without one (only the embedded demo and development settings can run
so) files are stored unscanned: the system check ``common.W001`` says so at every start, and
each unscanned file is logged.
"""

import logging
from urllib.parse import urlsplit

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def client(address: str):
    """The clamd client for an address as ``CLAMAV_ADDRESS`` gives it."""
    parts = urlsplit(address)
    timeout = settings.CLAMAV_TIMEOUT
    if parts.scheme == "tcp" and parts.hostname and parts.port:
        return ClamdNetworkSocket(host=parts.hostname, port=parts.port, timeout=timeout)
    if parts.scheme == "unix" and parts.path:
        return ClamdUnixSocket(path=parts.path, timeout=int(timeout))
    if not parts.scheme and address.startswith("/"):
        return ClamdUnixSocket(path=address, timeout=int(timeout))
    raise ImproperlyConfigured(
        f"CLAMAV_ADDRESS {address!r} is neither tcp://host:port nor a Unix socket "
        "(unix:///path or /path)."
    )


def scan(upload) -> bool:
    """Whether ``upload`` was scanned (and found clean); False only when no scanner is
    configured. A file the scanner finds harmful, or that could not be scanned, raises a
    ValidationError: it must not be stored."""
    address = settings.CLAMAV_ADDRESS
    if not address:
        logger.warning("Stored without a virus scan (CLAMAV_ADDRESS is not set): %s", upload.name)
        return False
    upload.seek(0)
    try:
        answer = client(address).instream(upload)
    except (ClamdError, OSError) as error:
        logger.error("The virus scanner at %s did not answer: %s", address, error)
        answer = {}
    finally:
        upload.seek(0)
    status, signature = answer.get("stream", ("ERROR", None))
    if status == "OK":
        return True
    if status == "FOUND":
        logger.warning("Upload refused by the virus scanner (%s): %s", signature, upload.name)
        raise ValidationError(
            _(
                "“%(name)s” was stopped by the virus check and has not been saved. Contact the "
                "administration if you think this is wrong."
            ),
            code="virus",
            params={"name": upload.name},
        )
    raise ValidationError(
        _(
            "The file could not be checked for viruses just now, so it has not been saved. "
            "Try again in a few minutes."
        ),
        code="scanner_unavailable",
    )


def scanner_configured(**kwargs):
    """A system check (registered by ``config.apps.ProjectConfig``): warns at every start that
    uploads go unscanned, or refuses an address it cannot use."""
    address = settings.CLAMAV_ADDRESS
    if not address:
        return [
            checks.Warning(
                "CLAMAV_ADDRESS is not set: uploaded files are stored without a virus scan.",
                hint="Start clamd and set CLAMAV_ADDRESS (production refuses to start without).",
                id="common.W001",
            )
        ]
    try:
        client(address)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="common.E001")]
    return []
