"""What an import did, sheet by sheet, and why each refused row was refused."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Refusal:
    sheet: str
    row: int  # as the user sees it: the header is row 1
    reason: str


@dataclass
class SheetReport:
    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refusals: list[Refusal] = field(default_factory=list)

    def line(self) -> str:
        return _(
            "%(sheet)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(refused)d refused"
        ) % {
            "sheet": self.name,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": len(self.refusals),
        }


@dataclass
class Report:
    dry_run: bool = False
    ignored: list[str] = field(default_factory=list)
    sheets: dict[str, SheetReport] = field(default_factory=dict)
    # (sheet, natural key) → why that row was refused, for the rows that refer to it.
    refused_keys: dict[tuple[str, tuple], Refusal] = field(default_factory=dict)

    def sheet(self, name: str) -> SheetReport:
        return self.sheets.setdefault(name, SheetReport(name))

    def count(self, sheet: str, outcome: str) -> None:
        sheet_report = self.sheet(sheet)
        setattr(sheet_report, outcome, getattr(sheet_report, outcome) + 1)

    def refuse(self, sheet: str, row: int, reason: str, key: tuple) -> None:
        refusal = Refusal(sheet, row, reason)
        self.sheet(sheet).refusals.append(refusal)
        self.refused_keys.setdefault((sheet, key), refusal)

    def refusal_of(self, sheet: str, key: tuple) -> Refusal | None:
        return self.refused_keys.get((sheet, key))

    @property
    def refusals(self) -> list[Refusal]:
        """Sheet by sheet in the order they loaded, by row within a sheet."""
        return [
            refusal
            for sheet in self.sheets.values()
            for refusal in sorted(sheet.refusals, key=lambda refusal: refusal.row)
        ]

    def lines(self) -> list[str]:
        lines = [sheet.line() for sheet in self.sheets.values()]
        if self.refusals:
            lines.append(_("Refused rows:"))
            lines += [
                "  "
                + _("%(sheet)s, row %(row)d: %(reason)s")
                % {"sheet": refusal.sheet, "row": refusal.row, "reason": refusal.reason}
                for refusal in self.refusals
            ]
        if self.ignored:
            lines.append(
                _("Not read (not a sheet of the register): %(names)s")
                % {"names": ", ".join(self.ignored)}
            )
        if self.dry_run:
            lines.append(_("Dry run: nothing was saved."))
        return lines

    def failure(self) -> str:
        count = len(self.refusals)
        return ngettext("%(count)d row was refused.", "%(count)d rows were refused.", count) % {
            "count": count
        }
