"""The register's sheets: their columns, natural keys and what they refer to.

The column names are part of the file format users fill in (docs/register.md and the
templates in docs/register/): they are fixed Swedish words, never translated, and changing
one breaks every municipality's files.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Board, Organisation

from ..models import Decider, DelegationRule, FundingProgramme, Matter
from . import cells

NON_PUBLIC_KINDS = [
    choice for choice in Organisation.Kind.choices if choice[0] != Organisation.Kind.ADMINISTRATION
]


@dataclass(frozen=True)
class Reference:
    """A cell that names a row of another sheet (or of the database) by its natural key."""

    sheet: str
    model: type[models.Model]
    lookup: str
    missing: str  # lazy message with %(value)s
    filters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: cells.Parser = cells.text
    required: bool = False
    reference: Reference | None = None


@dataclass(frozen=True)
class SheetSpec:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the fields that find the row again on the next import
    fixed: dict = field(default_factory=dict)  # set on every row of the sheet
    # Left to the model, as in the admin (where they are read-only): never set or validated.
    not_imported: tuple[str, ...] = ()
    # Refuses a row whose key already belongs to a row this sheet must not change.
    check_existing: Callable[[models.Model], None] | None = None
    # A field naming a row of the same sheet: rows with it empty load first (a board before
    # its committees).
    self_reference: str = ""

    def column_of(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.field == name), None)


def _kinds_allowed(kinds) -> Callable[[models.Model], None]:
    def check(organisation: Organisation) -> None:
        if organisation.kind not in kinds:
            raise ValidationError(
                _("“%(value)s” is already registered as %(kind)s."),
                params={
                    "value": organisation.org_number,
                    "kind": organisation.get_kind_display().lower(),
                },
            )

    return check


def _active() -> Column:
    return Column("Aktiv", "is_active", cells.yes_no)


def _address() -> tuple[Column, ...]:
    return (
        Column("Gatuadress", "street_address"),
        Column("Postnummer", "postal_code"),
        Column("Ort", "city"),
        Column("E-post", "email"),
    )


ADMINISTRATIONS = SheetSpec(
    name="administrations",
    model=Organisation,
    columns=(
        Column("Organisationsnummer", "org_number", cells.org_number, required=True),
        Column("Namn", "name", required=True),
        *_address(),
        _active(),
    ),
    key=("org_number",),
    fixed={"kind": Organisation.Kind.ADMINISTRATION},
    check_existing=_kinds_allowed({Organisation.Kind.ADMINISTRATION}),
)

ORGANISATIONS = SheetSpec(
    name="organisations",
    model=Organisation,
    columns=(
        Column("Organisationsnummer", "org_number", cells.org_number, required=True),
        Column("Namn", "name", required=True),
        Column("Typ", "kind", cells.choice(NON_PUBLIC_KINDS), required=True),
        *_address(),
        Column("Kontotyp", "giro_kind", cells.choice(Organisation.GiroKind.choices)),
        Column("Kontonummer", "giro_number"),
        _active(),
    ),
    key=("org_number",),
    check_existing=_kinds_allowed({kind for kind, _label in NON_PUBLIC_KINDS}),
)

BOARDS = SheetSpec(
    name="boards",
    model=Board,
    columns=(
        Column("Kod", "code", required=True),
        Column("Namn", "name", required=True),
        Column(
            "Förvaltningens organisationsnummer",
            "administration",
            cells.org_number,
            required=True,
            reference=Reference(
                "administrations",
                Organisation,
                "org_number",
                gettext_lazy(
                    "There is no city administration with organisation number “%(value)s”."
                ),
                {"kind": Organisation.Kind.ADMINISTRATION},
            ),
        ),
        Column(
            "Utskott till",
            "parent",
            reference=Reference(
                "boards", Board, "code", gettext_lazy("There is no board with code “%(value)s”.")
            ),
        ),
        _active(),
    ),
    key=("code",),
    self_reference="parent",
)

PROGRAMMES = SheetSpec(
    name="programmes",
    model=FundingProgramme,
    columns=(
        Column("Kortnamn", "slug", required=True),
        Column("Namn", "name", required=True),
        Column(
            "Nämndens kod",
            "board",
            required=True,
            reference=Reference(
                "boards", Board, "code", gettext_lazy("There is no board with code “%(value)s”.")
            ),
        ),
        Column("Beskrivning", "description"),
        Column("Budget", "budget", cells.amount, required=True),
        Column("Högsta belopp per ansökan", "max_amount", cells.amount, required=True),
        Column("Öppnar", "opens_on", cells.day, required=True),
        Column("Stänger", "closes_on", cells.day, required=True),
        Column("Minsta antal medlemmar", "min_members", cells.whole_number),
        Column("Öppet för", "open_to_kinds", cells.choice_list(NON_PUBLIC_KINDS)),
        Column("Återrapportering (dagar)", "report_back_days", cells.whole_number),
        Column("Publiceras i registret", "publish_in_register", cells.yes_no),
        Column("Diarieserie", "case_series"),
        _active(),
    ),
    key=("slug",),
    # What is left of the budget is kept by the decision service, as in the admin.
    not_imported=("budget_remaining",),
)

DELEGATION_RULES = SheetSpec(
    name="delegation_rules",
    model=DelegationRule,
    columns=(
        Column(
            "Programmets kortnamn",
            "programme",
            required=True,
            reference=Reference(
                "programmes",
                FundingProgramme,
                "slug",
                gettext_lazy("There is no programme with short name “%(value)s”."),
            ),
        ),
        Column("Upp till och med belopp", "up_to_amount", cells.amount),
        Column("Beslutar", "decider", cells.choice(Decider.choices), required=True),
        Column("Punkt i delegationsordningen", "delegation_point"),
        # Empty or left out: the programme's board; another board's delegation is refused.
        Column(
            "Delegerande nämnd (kod)",
            "board",
            reference=Reference(
                "boards", Board, "code", gettext_lazy("There is no board with code “%(value)s”.")
            ),
        ),
    ),
    # The register's rules are grant decisions; the points for claims, write-offs and special
    # decisions are kept in the admin, and an import never touches them.
    key=("programme", "matter", "up_to_amount"),
    fixed={"matter": Matter.GRANT},
)

# In the order they load: what a sheet refers to is loaded before it.
SHEETS = (ADMINISTRATIONS, ORGANISATIONS, BOARDS, PROGRAMMES, DELEGATION_RULES)
SHEET_NAMES = [spec.name for spec in SHEETS]
