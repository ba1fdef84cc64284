"""Load a municipality's register from a folder of CSV files or one XLSX workbook."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from funding import register


class Command(BaseCommand):
    help = (
        "Load the register (city administrations, organisations, boards, funding programmes, "
        "delegation rules) from a folder of CSV files named after the sheets, or from one "
        ".xlsx workbook with one sheet per kind (docs/register.md). Rows are matched on their "
        "natural key, so running it again changes nothing. Exits non-zero when any row was "
        "refused; the other rows are still saved (unless --dry-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="A folder of CSV files, or an .xlsx workbook.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report, but save nothing."
        )
        parser.add_argument(
            "--write-template",
            metavar="XLSX",
            help="Write this workbook from the CSV files in its own folder, and import nothing "
            "(make docs/register/register.xlsx this way).",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if options["write_template"]:
                self._write_template(Path(options["write_template"]))
                return
            if not options["path"]:
                raise CommandError(_("Give a folder of CSV files or an .xlsx workbook."))
            self._import(Path(options["path"]), dry_run=options["dry_run"])

    def _import(self, path: Path, *, dry_run: bool) -> None:
        try:
            sheets, ignored = register.read(path, register.SHEET_NAMES)
        except register.RegisterFileError as exc:
            raise CommandError(str(exc)) from exc
        if not sheets:
            raise CommandError(
                _("Found no sheet of the register in %(path)s; the sheets are: %(names)s.")
                % {"path": path, "names": ", ".join(register.SHEET_NAMES)}
            )
        report = register.register_import(sheets=sheets, dry_run=dry_run, ignored=ignored)
        for line in report.lines():
            self.stdout.write(line)
        if report.refusals:
            raise CommandError(report.failure())
        self.stdout.write(self.style.SUCCESS(_("Every row was read.")))

    def _write_template(self, target: Path) -> None:
        sheets, _ignored = register.read(target.parent, register.SHEET_NAMES)
        if not sheets:
            raise CommandError(
                _("Found no sheet of the register in %(path)s; the sheets are: %(names)s.")
                % {"path": target.parent, "names": ", ".join(register.SHEET_NAMES)}
            )
        register.write_workbook(sheets, target)
        self.stdout.write(
            _("Wrote %(path)s from the CSV files in %(folder)s.")
            % {"path": target, "folder": target.parent}
        )
