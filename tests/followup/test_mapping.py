"""The mapping: which board works with which organisation, by agreement and by grant."""

from decimal import Decimal

from followup import selectors
from funding.models.handling import Outcome
from tests.followup.builders import at
from tests.followup.conftest import APPLICATIONS, YEAR

GRANTED = {Outcome.APPROVED, Outcome.PARTLY_APPROVED}
BOARD_OF_PROGRAMME = {"P1": "Nämnd A", "P2": "Nämnd B"}


def _links(mapping) -> dict:
    return {
        (link.board, link.organisation): (len(link.agreements), link.grants, link.amount_granted)
        for link in mapping.links
    }


def _grants_of_year(area=None) -> dict:
    grants = {}
    for _name, programme, organisation, _sub, _applied, row_area, ruling, _paid in APPLICATIONS:
        if ruling and ruling[0] in GRANTED and at(YEAR, 1, 1) <= ruling[2] < at(YEAR + 1, 1, 1):
            if area and row_area != area:
                continue
            key = (BOARD_OF_PROGRAMME[programme], f"Förening {organisation}")
            count, amount = grants.get(key, (0, Decimal(0)))
            grants[key] = (count + 1, amount + ruling[1])
    return grants


def test_agreements_and_grants_of_the_year_link_boards_and_organisations(world):
    links = _links(selectors.collaboration_map(YEAR))
    grants = _grants_of_year()
    assert links[("Nämnd A", "Förening X")][0] == 1  # the agreement in force since 2024
    assert links[("Nämnd B", "Förening Y")][0] == 1  # signed and ended in the year
    assert ("Nämnd A", "Förening Z") not in links  # that agreement ended in 2024
    for key, (count, amount) in grants.items():
        assert links[key][1:] == (count, amount)
    assert {key for key, link in links.items() if link[1]} == set(grants)


def test_the_mapping_is_filtered_by_challenge_area(world):
    area = world.areas["children"]
    links = _links(selectors.collaboration_map(YEAR, challenge_area_id=area.pk))
    assert links == {
        ("Nämnd A", "Förening X"): (0, *_grants_of_year("children")[("Nämnd A", "Förening X")]),
        ("Nämnd B", "Förening Y"): (1, 0, Decimal(0)),
    }


def test_the_picture_has_a_mark_for_every_link(world):
    mapping = selectors.collaboration_map(YEAR)
    picture = selectors.matrix_picture(mapping)
    assert len(picture.cells) == len(mapping.links)
    assert len(picture.columns) == 2
    assert picture.left_out == 0
