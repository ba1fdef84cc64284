"""``manage.py export_sip SK-2026-00042 [...] [--list cases.txt] [--to DIR]``: writes each closed
case's submission information package as ``DIR/<package id>.tar`` (by default DIR is the
``EARCHIVE_DIR`` setting) and marks the case exported.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casework.models import Case
from earchive import services


class Command(BaseCommand):
    help = "Export closed cases to the e-archive as E-ARK SIP packages (FGS Paketstruktur 2.0)."

    def add_arguments(self, parser):
        parser.add_argument("case_numbers", nargs="*", help="Case numbers, e.g. SK-2026-00042.")
        parser.add_argument(
            "--list", type=Path, help="A file of case numbers, one a line (# starts a comment)."
        )
        parser.add_argument(
            "--to",
            type=Path,
            default=None,
            help="The folder to write the packages in (default: the EARCHIVE_DIR setting).",
        )

    def handle(self, *args, **options):
        numbers = list(options["case_numbers"])
        if options["list"]:
            numbers += _read_list(options["list"])
        if not numbers:
            raise CommandError("Name at least one case number, or a list with --list.")
        cases = {case.case_number: case for case in Case.objects.filter(case_number__in=numbers)}
        unknown = [number for number in numbers if number not in cases]
        if unknown:
            raise CommandError(f"No such case: {', '.join(unknown)}")
        target = options["to"] or settings.EARCHIVE_DIR
        for number in dict.fromkeys(numbers):
            try:
                path = services.package_write(cases[number], target)
            except services.PackageRefused as refusal:
                raise CommandError(str(refusal)) from refusal
            self.stdout.write(f"{number}: {path}")


def _read_list(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error}") from error
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
