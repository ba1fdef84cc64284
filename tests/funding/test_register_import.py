"""Loading a municipality's register from CSV files or a workbook (manage.py import_register)."""

import csv
import datetime
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from casework.models import AuditEvent
from funding import register
from funding.delegation import route_for
from funding.models import Decider, DelegationRule, FundingProgramme
from organisations.models import Board, Organisation

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "docs" / "register"
REGISTER_MODELS = (Organisation, Board, FundingProgramme, DelegationRule, AuditEvent)


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_register", str(path), *args, stdout=out)
    return out.getvalue()


def refused(path: Path, *args: str) -> tuple[str, str]:
    """The report, and the error that makes the command exit non-zero."""
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_register", str(path), *args, stdout=out)
    return out.getvalue(), str(error.value)


def register_contents() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values()) for model in REGISTER_MODELS
    }


def templates_in(folder: Path) -> Path:
    for path in TEMPLATES.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    return folder


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def write_rows(path: Path, rows: list[list[str]], *, delimiter=",", encoding="utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)


def test_the_templates_load_into_an_empty_register():
    output = run(TEMPLATES)

    assert "administrations: 3 skapade, 0 uppdaterade, 0 oförändrade, 0 avvisade" in output
    assert "boards: 4 skapade, 0 uppdaterade, 0 oförändrade, 0 avvisade" in output
    assert "delegation_rules: 3 skapade, 0 uppdaterade, 0 oförändrade, 0 avvisade" in output
    committee = Board.objects.get(code="ksau")
    assert committee.parent.code == "ks"
    assert committee.administration.name == "Stadskontoret"
    assert committee.administration.kind == Organisation.Kind.ADMINISTRATION
    association = Organisation.objects.get(org_number="802000-0132")
    assert (association.name, association.kind) == ("Rädda Barnen", Organisation.Kind.ASSOCIATION)
    programme = FundingProgramme.objects.get(slug="utvecklingsbidrag")
    assert programme.board.code == "frn"
    assert programme.budget_remaining == programme.budget == Decimal("1500000")
    assert route_for(programme, Decimal("30000")).decider == Decider.DELEGATE
    assert route_for(programme, Decimal("80000")).decider == Decider.BOARD


def test_every_row_the_import_adds_is_in_the_audit_log():
    run(TEMPLATES)

    added = AuditEvent.objects.filter(action="register_row_added")
    assert added.count() == 16
    with translation.override("sv"):
        assert added.first().action_label == "Tillagt genom registerimporten"


def test_a_second_run_reports_every_row_unchanged_and_changes_nothing():
    run(TEMPLATES)
    before = register_contents()

    output = run(TEMPLATES)

    assert register_contents() == before
    assert "organisations: 0 skapade, 0 uppdaterade, 3 oförändrade, 0 avvisade" in output
    assert "programmes: 0 skapade, 0 uppdaterade, 3 oförändrade, 0 avvisade" in output
    assert "avvisade rader" not in output.lower()


def test_a_changed_cell_updates_its_row_and_keeps_what_is_left_of_the_budget(tmp_path):
    folder = templates_in(tmp_path)
    run(folder)
    FundingProgramme.objects.filter(slug="lokalbidrag").update(budget_remaining=500_000)
    rows = rows_of(folder / "programmes.csv")
    rows[3][rows[0].index("Stänger")] = "2027-06-30"
    write_rows(folder / "programmes.csv", rows)

    output = run(folder)

    assert "programmes: 0 skapade, 1 uppdaterade, 2 oförändrade, 0 avvisade" in output
    programme = FundingProgramme.objects.get(slug="lokalbidrag")
    assert programme.closes_on == datetime.date(2027, 6, 30)
    assert programme.budget_remaining == 500_000
    changed = AuditEvent.objects.get(action="register_row_changed")
    assert changed.data == {"sheet": "programmes", "row": 4, "fields": ["closes_on"]}


def test_a_bad_organisation_number_is_refused_with_its_row_and_the_others_still_load(tmp_path):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "organisations.csv")
    rows[2][0] = "802000-0166"
    write_rows(folder / "organisations.csv", rows)

    output, error = refused(folder)

    assert (
        "organisations, rad 3: Organisationsnummer: ”802000-0166” är inte ett giltigt svenskt "
        "organisationsnummer (NNNNNN-NNNN)." in output
    )
    assert "organisations: 2 skapade, 0 uppdaterade, 0 oförändrade, 1 avvisade" in output
    assert error == "1 rad avvisades."
    assert set(
        Organisation.objects.exclude(kind="administration").values_list("name", flat=True)
    ) == {"Rädda Barnen", "Sensus studieförbund"}
    assert FundingProgramme.objects.count() == 3


def test_a_bad_bankgiro_number_is_refused_by_the_models_own_check(tmp_path):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "organisations.csv")
    rows[1][rows[0].index("Kontonummer")] = "550-0138"
    write_rows(folder / "organisations.csv", rows)

    output, _error = refused(folder)

    assert (
        "organisations, rad 2: Kontonummer: ”550-0138” är inte ett giltigt bankgironummer."
        in output
    )


def test_a_semicolon_separated_file_with_a_byte_order_mark_loads(tmp_path):
    for path in TEMPLATES.glob("*.csv"):
        rows = rows_of(path)
        if path.stem == "programmes":
            rows[1][rows[0].index("Budget")] = "1 500 000,00"
        write_rows(tmp_path / path.name, rows, delimiter=";", encoding="utf-8-sig")
    assert (tmp_path / "boards.csv").read_bytes().startswith(b"\xef\xbb\xbfKod;Namn;")

    output = run(tmp_path)

    assert "boards: 4 skapade, 0 uppdaterade, 0 oförändrade, 0 avvisade" in output
    assert Board.objects.get(code="frn").administration.name == "Fritidsförvaltningen"
    assert FundingProgramme.objects.get(slug="utvecklingsbidrag").budget == 1_500_000


def test_the_workbook_template_loads_like_the_csv_templates():
    output = run(TEMPLATES / "register.xlsx")
    loaded = register_contents()

    assert "programmes: 3 skapade, 0 uppdaterade, 0 oförändrade, 0 avvisade" in output
    again = run(TEMPLATES)
    assert "programmes: 0 skapade, 0 uppdaterade, 3 oförändrade, 0 avvisade" in again
    assert register_contents()["FundingProgramme"] == loaded["FundingProgramme"]


def test_a_workbook_with_real_dates_and_numbers_loads(tmp_path):
    run(TEMPLATES)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "programmes"
    sheet.append(rows_of(TEMPLATES / "programmes.csv")[0])
    sheet.append(
        [
            "sommarlov",
            "Sommarlovsbidrag",
            "frn",
            "",
            300000,
            25000.0,
            datetime.datetime(2027, 5, 1),
            datetime.date(2027, 6, 15),
            0,
            "förening, stiftelse",
            30,
            True,
            "",
            None,
        ]
    )
    workbook.create_sheet("Instruktioner")
    workbook.save(tmp_path / "register.xlsx")

    output = run(tmp_path / "register.xlsx")

    assert "programmes: 1 skapade" in output
    assert "Lästes inte (inget blad i registret): Instruktioner" in output
    programme = FundingProgramme.objects.get(slug="sommarlov")
    assert (programme.opens_on, programme.closes_on) == (
        datetime.date(2027, 5, 1),
        datetime.date(2027, 6, 15),
    )
    assert programme.max_amount == 25_000
    assert programme.open_to_kinds == ["association", "foundation"]
    assert programme.publish_in_register and programme.is_active


def test_the_committed_workbook_matches_the_csv_templates():
    from_csv, _ignored = register.read(TEMPLATES, register.SHEET_NAMES)
    from_workbook, _ignored = register.read(TEMPLATES / "register.xlsx", register.SHEET_NAMES)

    assert [sheet.name for sheet in from_csv] == register.SHEET_NAMES
    assert from_workbook == from_csv, (
        "docs/register/register.xlsx differs from the CSV files: run "
        "manage.py import_register --write-template docs/register/register.xlsx"
    )


def test_the_workbook_is_written_from_the_csv_files_beside_it(tmp_path):
    folder = templates_in(tmp_path)
    call_command(
        "import_register", "--write-template", str(folder / "register.xlsx"), stdout=io.StringIO()
    )

    run(folder / "register.xlsx")

    assert Board.objects.count() == 4


def test_a_dry_run_reports_but_writes_nothing():
    output = run(TEMPLATES, "--dry-run")

    assert "delegation_rules: 3 skapade, 0 uppdaterade, 0 oförändrade, 0 avvisade" in output
    assert "Provkörning: ingenting sparades." in output
    assert not any(register_contents().values())


def test_a_refused_dry_run_still_exits_non_zero(tmp_path):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "delegation_rules.csv")
    rows[1][rows[0].index("Beslutar")] = "ordföranden"
    write_rows(folder / "delegation_rules.csv", rows)

    output, error = refused(folder, "--dry-run")

    assert "delegation_rules, rad 2: Beslutar: ”ordföranden” är inte något av:" in output
    assert error == "1 rad avvisades."
    assert not FundingProgramme.objects.exists()


def test_a_delegation_rule_of_a_programme_with_a_missing_board_is_refused_with_that_reason(
    tmp_path,
):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "programmes.csv")
    rows[1][rows[0].index("Nämndens kod")] = "fn"
    write_rows(folder / "programmes.csv", rows)

    output, error = refused(folder)

    missing = "Nämndens kod: Det finns ingen nämnd med koden ”fn”."
    assert f"programmes, rad 2: {missing}" in output
    for row in (2, 3, 4):
        assert (
            f"delegation_rules, rad {row}: Programmets kortnamn: beror på rad 2 i programmes, "
            f"som avvisades: {missing}" in output
        )
    assert error == "4 rader avvisades."
    assert not DelegationRule.objects.exists()
    assert FundingProgramme.objects.count() == 2


def test_a_delegation_rule_of_a_programme_that_does_not_exist_is_refused(tmp_path):
    write_rows(
        tmp_path / "delegation_rules.csv",
        [
            rows_of(TEMPLATES / "delegation_rules.csv")[0],
            ["bygglovsbidrag", "10000", "handläggare", ""],
        ],
    )

    output, _error = refused(tmp_path)

    assert (
        "delegation_rules, rad 2: Programmets kortnamn: Det finns inget bidragsprogram med "
        "kortnamnet ”bygglovsbidrag”."
    ) in output


def test_a_committee_may_come_before_its_board_in_the_file(tmp_path):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "boards.csv")
    write_rows(folder / "boards.csv", [rows[0], rows[2], rows[1], *rows[3:]])

    run(folder)

    assert Board.objects.get(code="ksau").parent.code == "ks"


def test_a_key_given_twice_in_a_sheet_is_refused_the_second_time(tmp_path):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "delegation_rules.csv")
    write_rows(folder / "delegation_rules.csv", [*rows, rows[1]])

    output, _error = refused(folder)

    assert (
        "delegation_rules, rad 5: Samma nyckel som rad 2; en rad kan bara anges en gång." in output
    )
    assert DelegationRule.objects.count() == 3


def test_a_misspelt_column_refuses_the_rows_of_its_sheet(tmp_path):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "administrations.csv")
    rows[0][rows[0].index("Namn")] = "Nman"
    write_rows(folder / "administrations.csv", rows)

    output, error = refused(folder)

    assert "administrations, rad 2: Kolumnen ”Namn” saknas. Okänd kolumn ”Nman”." in output
    assert "boards, rad 2: Förvaltningens organisationsnummer: beror på rad 2 i " in output
    assert error == "13 rader avvisades."


def test_an_organisation_sheet_does_not_turn_an_administration_into_an_association(tmp_path):
    run(TEMPLATES)
    rows = rows_of(TEMPLATES / "organisations.csv")
    rows[1][0] = "212000-0019"
    write_rows(tmp_path / "organisations.csv", rows[:2])

    output, _error = refused(tmp_path)

    assert (
        "organisations, rad 2: ”212000-0019” är redan registrerat med typen stadens förvaltning."
    ) in output
    assert Organisation.objects.get(org_number="212000-0019").name == "Stadskontoret"


def test_a_path_that_is_no_register_is_refused_before_anything_is_read(tmp_path):
    (tmp_path / "notes.txt").write_text("inget register")

    with pytest.raises(CommandError, match="Hittade inget blad i registret"):
        call_command("import_register", str(tmp_path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="varken en mapp med CSV-filer eller en .xlsx"):
        call_command("import_register", str(tmp_path / "notes.txt"), stdout=io.StringIO())


def test_a_delegation_rule_of_another_board_is_refused_and_without_a_board_it_is_the_programmes(
    tmp_path,
):
    folder = templates_in(tmp_path)
    rows = rows_of(folder / "delegation_rules.csv")
    board = rows[0].index("Delegerande nämnd (kod)")
    rows[1][board] = "ks"  # Kommunstyrelsen cannot delegate Fritidsnämndens matters
    rows[2][board] = ""
    write_rows(folder / "delegation_rules.csv", rows)

    output, _error = refused(folder)

    assert "delegation_rules, rad 2: Delegerande nämnd (kod): En delegation hör till" in output
    rule = DelegationRule.objects.get(delegation_point="FRN 4.2")
    assert rule.board == rule.programme.board
