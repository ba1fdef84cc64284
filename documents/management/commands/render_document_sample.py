"""Render a kind from its sample data to a PDF file: for checking a replaced template."""

from pathlib import Path

from django.core.management.base import BaseCommand

from documents import rendering, samples


class Command(BaseCommand):
    help = "Render a document kind from sample data into a PDF file (nothing is stored)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(samples.SAMPLES))
        parser.add_argument("output", type=Path, help="Where to write the PDF.")
        parser.add_argument("--draft", action="store_true", help="Mark it as a draft.")

    def handle(self, *args, kind, output, draft, **options):
        rendered = rendering.render(kind, samples.for_kind(kind), draft=draft)
        output.write_bytes(rendered.pdf)
        self.stdout.write(f"{output}: {rendered.pages} pages, {len(rendered.pdf)} bytes")
