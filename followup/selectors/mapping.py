"""The mapping (kartläggning): which board works with which organisation, and through what.

Two sources, each one grouped query: active IOP agreements whose period overlaps the year
(a public party's board with each idea-based party of the same inquiry), and grants decided
in the year (the programme's board with the applicant).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Sum

from funding.models import Decision
from partnerships.models import Party

from .report import GRANTED_OUTCOMES, Year, signed_versions


@dataclass
class Link:
    board_id: int
    board: str
    administration: str
    organisation_id: int
    organisation: str
    agreements: list[str] = field(default_factory=list)  # case numbers
    grants: int = 0
    amount_granted: Decimal = Decimal(0)


@dataclass
class Mapping:
    year: int
    links: list[Link]

    @property
    def boards(self) -> list[tuple[int, str]]:
        return sorted({(link.board_id, link.board) for link in self.links}, key=lambda b: b[1])

    @property
    def organisations(self) -> list[tuple[int, str]]:
        names = {(link.organisation_id, link.organisation) for link in self.links}
        return sorted(names, key=lambda o: o[1])


def collaboration_map(year: int, *, challenge_area_id: int | None = None) -> Mapping:
    period = Year(year)
    links: dict[tuple[int, int], Link] = {}
    for row in _agreement_pairs(period, challenge_area_id):
        link = _link(links, row)
        link.agreements.append(row["case_number"])
    for row in _grant_pairs(period, challenge_area_id):
        link = _link(links, row)
        link.grants = row["grants"]
        link.amount_granted = row["amount"]
    ordered = sorted(links.values(), key=lambda link: (link.board, link.organisation))
    return Mapping(year=year, links=ordered)


def _link(links: dict, row: dict) -> Link:
    key = (row["board_id"], row["organisation_id"])
    if key not in links:
        links[key] = Link(
            board_id=row["board_id"],
            board=row["board"],
            administration=row["administration"] or "",
            organisation_id=row["organisation_id"],
            organisation=row["organisation"],
        )
    return links[key]


def _agreement_pairs(period: Year, challenge_area_id: int | None):
    """(board, organisation, case number) for each public and idea-based party of an agreement."""
    versions = signed_versions(period)
    if challenge_area_id:
        versions = versions.filter(inquiry__case__challenge_area_id=challenge_area_id)
    parties = Party.objects.filter(inquiry_id__in=versions.values("inquiry_id"))
    boards: dict[int, list[dict]] = {}
    for row in parties.filter(side=Party.Side.PUBLIC, board__isnull=False).values(
        "inquiry_id",
        "board_id",
        board_name=F("board__name"),
        administration=F("board__administration__name"),
    ):
        boards.setdefault(row["inquiry_id"], []).append(row)
    for row in parties.filter(side=Party.Side.IDEA_BASED).values(
        "inquiry_id",
        "organisation_id",
        organisation_name=F("organisation__name"),
        case_number=F("inquiry__case__case_number"),
    ):
        for board in boards.get(row["inquiry_id"], []):
            yield {
                **row,
                **board,
                "board": board["board_name"],
                "organisation": row["organisation_name"],
            }


def _grant_pairs(period: Year, challenge_area_id: int | None):
    decisions = Decision.objects.filter(period.within("decided_at"), outcome__in=GRANTED_OUTCOMES)
    if challenge_area_id:
        decisions = decisions.filter(application__challenge_area_id=challenge_area_id)
    return (
        decisions.values(
            board_id=F("application__programme__board_id"),
            organisation_id=F("application__organisation_id"),
        )
        .annotate(
            board=F("application__programme__board__name"),
            administration=F("application__programme__board__administration__name"),
            organisation=F("application__organisation__name"),
            grants=Count("pk"),
            amount=Sum("amount_granted"),
        )
        .order_by("board", "organisation")
    )


@dataclass
class Cell:
    x: int
    y: int
    radius: float
    agreements: int
    grants: int
    title: str


@dataclass
class Picture:
    """A matrix of organisations (rows) and boards (columns), laid out for an SVG."""

    width: int
    height: int
    columns: list[tuple[int, str]]
    rows: list[tuple[int, str]]
    cells: list[Cell]
    left_out: int


LABEL_WIDTH, HEADER_HEIGHT, COLUMN, ROW = 250, 120, 36, 22


def matrix_picture(mapping: Mapping, *, max_rows: int = 60) -> Picture:
    organisations = mapping.organisations[:max_rows]
    boards = mapping.boards
    column_of = {board_id: i for i, (board_id, _name) in enumerate(boards)}
    row_of = {organisation_id: i for i, (organisation_id, _name) in enumerate(organisations)}
    largest = max((float(link.amount_granted) for link in mapping.links), default=0) or 1
    cells = [
        Cell(
            x=LABEL_WIDTH + column_of[link.board_id] * COLUMN + COLUMN // 2,
            y=HEADER_HEIGHT + row_of[link.organisation_id] * ROW + ROW // 2,
            radius=round(3 + 6 * (float(link.amount_granted) / largest) ** 0.5, 1),
            agreements=len(link.agreements),
            grants=link.grants,
            title=f"{link.board} – {link.organisation}",
        )
        for link in mapping.links
        if link.organisation_id in row_of
    ]
    return Picture(
        width=LABEL_WIDTH + len(boards) * COLUMN + 150,  # room for the slanted board names
        height=HEADER_HEIGHT + len(organisations) * ROW + 10,
        columns=[
            (LABEL_WIDTH + i * COLUMN + COLUMN // 2, name) for i, (_pk, name) in enumerate(boards)
        ],
        rows=[
            (HEADER_HEIGHT + i * ROW + ROW // 2 + 4, name)
            for i, (_pk, name) in enumerate(organisations)
        ],
        cells=cells,
        left_out=len(mapping.organisations) - len(organisations),
    )
