"""Check every stored document against its SHA-256 and size; exit non-zero on any mismatch."""

import hashlib

from django.core.management.base import BaseCommand, CommandError

from documents.models import Document

CHUNK = 1024 * 1024


def _digest(document: Document) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with document.file.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def problem_with(document: Document) -> str | None:
    """What is wrong with a stored document, or None when its file is intact."""
    if not document.file:
        return "no file is recorded"
    try:
        sha256, size = _digest(document)
    except FileNotFoundError:
        return f"the file {document.file.name} is missing"
    if sha256 != document.sha256:
        return f"SHA-256 is {sha256}, recorded {document.sha256}"
    if size != document.size:
        return f"size is {size} bytes, recorded {document.size}"
    return None


class Command(BaseCommand):
    help = "Verify every stored document against its recorded SHA-256 and size."

    def add_arguments(self, parser):
        parser.add_argument("--case", help="Only the documents of this case number.")

    def handle(self, *args, **options):
        documents = Document.objects.filter(rendered_at__isnull=False).select_related("case")
        if options["case"]:
            documents = documents.filter(case__case_number=options["case"])
        checked = failed = 0
        for document in documents.order_by("pk").iterator(chunk_size=500):
            checked += 1
            problem = problem_with(document)
            if problem:
                failed += 1
                self.stderr.write(f"MISMATCH document {document.pk} ({document}): {problem}")
        if failed:
            raise CommandError(f"{failed} of {checked} documents failed verification.")
        self.stdout.write(self.style.SUCCESS(f"{checked} documents verified, all intact."))
