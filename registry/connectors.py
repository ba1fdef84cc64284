"""Where events go: each connector delivers one outbox event and says what the registry
answered. A connector raises ``DeliveryError`` when the event may not have arrived; the outbox
then tries again later with the same idempotency key.

The contract each connector keeps is in docs/records.md, "Registry connector"."""

import hashlib
import hmac
import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from casework.models import Case
from documents.models import Document

SIGNATURE_HEADER = "X-Samverkan-Signature"
TIMESTAMP_HEADER = "X-Samverkan-Timestamp"
KEY_HEADER = "Idempotency-Key"


class DeliveryError(Exception):
    """The event may not have arrived: try again later."""


@dataclass(frozen=True)
class Answer:
    """What the registry answered: its own case number, when it gave one."""

    registry_number: str = ""


def body(event) -> bytes:
    """The JSON an event is delivered as, the same bytes at every attempt."""
    return json.dumps(
        {"id": str(event.key), "event": event.kind, **event.payload},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def signature(secret: str, timestamp: str, content: bytes) -> str:
    """HMAC-SHA256 over ``<timestamp>.<body>``, hex, as the webhook's signature header says it."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + content, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class Webhook:
    """POSTs the event as signed JSON; a 2xx answer is a delivery, anything else is retried."""

    name = "webhook"

    def __init__(self, *, url: str, secret: str, timeout: float):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ImproperlyConfigured("REGISTRY_WEBHOOK_URL must be an http(s) address.")
        self.url, self.secret, self.timeout = url, secret, timeout

    def deliver(self, event) -> Answer:
        content = body(event)
        timestamp = str(int(time.time()))
        request = urllib.request.Request(  # noqa: S310 (an http(s) address, checked above)
            self.url,
            data=content,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                KEY_HEADER: str(event.key),
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: signature(self.secret, timestamp, content),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = response.read(65536)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise DeliveryError(f"{self.url}: {exc}") from exc
        try:
            number = json.loads(answer or b"{}").get("registry_case_number", "")
        except (ValueError, AttributeError):
            number = ""
        return Answer(registry_number=str(number or "")[:60])


class FileDrop:
    """Writes each event as ``<key>.json`` into a directory the registry reads (and, for a final
    document, its PDF as ``<key>.pdf``; for a closed case, the package the configured writer
    makes in ``<key>/``). A file appears whole or not at all (written aside, then renamed), and
    a second delivery of the same event writes the same names again."""

    name = "file_drop"

    def __init__(self, *, directory: str, package_writer: str):
        self.directory = Path(directory)
        self.package_writer = import_string(package_writer) if package_writer else None

    def deliver(self, event) -> Answer:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if event.kind == event.Kind.DOCUMENT_FINALISED:
                document = Document.objects.get(pk=event.payload["document"]["id"])
                with document.file.open("rb") as source:
                    self._write(f"{event.key}.pdf", source.read())
            if event.kind == event.Kind.CASE_CLOSED and self.package_writer:
                self._package(event)
            self._write(f"{event.key}.json", body(event))
        except OSError as exc:
            raise DeliveryError(f"{self.directory}: {exc}") from exc
        return Answer()

    def _write(self, name: str, content: bytes) -> None:
        aside = self.directory / f".{name}.part"
        aside.write_bytes(content)
        os.replace(aside, self.directory / name)

    def _package(self, event) -> None:
        target = self.directory / str(event.key)
        aside = self.directory / f".{event.key}.part"
        shutil.rmtree(aside, ignore_errors=True)
        aside.mkdir()
        try:
            self.package_writer(Case.objects.get(pk=event.case_id), aside)
        except Exception as exc:  # the writer's refusal (e.g. a document not produced yet)
            shutil.rmtree(aside, ignore_errors=True)
            raise DeliveryError(f"package: {exc}") from exc
        shutil.rmtree(target, ignore_errors=True)
        os.replace(aside, target)


def configured() -> dict:
    """The connectors the settings switch on, by name (none: nothing is handed off)."""
    connectors = {}
    if settings.REGISTRY_WEBHOOK_URL:
        connectors[Webhook.name] = Webhook(
            url=settings.REGISTRY_WEBHOOK_URL,
            secret=settings.REGISTRY_WEBHOOK_SECRET,
            timeout=settings.REGISTRY_TIMEOUT,
        )
    if settings.REGISTRY_DROP_DIRECTORY:
        connectors[FileDrop.name] = FileDrop(
            directory=settings.REGISTRY_DROP_DIRECTORY,
            package_writer=settings.REGISTRY_PACKAGE_WRITER,
        )
    return connectors
