"""The local test PKI of the demo and CI: ``init`` generates its keys and configuration into
SIGNING_PKI_DIR (kept if there; ``--force`` makes a new one), ``animate`` serves its time stamps
and CRLs on SIGNING_PKI_URL with certomancer's animator until stopped."""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

from documents.signing import pki


class Command(BaseCommand):
    help = "Generate (init) or serve (animate) the local test PKI for signatures."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init", "animate"])
        parser.add_argument("--force", action="store_true", help="Make a new PKI.")

    def handle(self, *args, action, force, **options):
        directory = pki.pki_init(force=force)
        if action == "init":
            self.stdout.write(f"PKI in {directory}")
            return
        port = urlsplit(settings.SIGNING_PKI_URL).port or 80
        command = pki.animator_command(port)
        # This process becomes the animator, so that stopping it stops the animator.
        os.execv(command[0], command)  # noqa: S606 - our own command
