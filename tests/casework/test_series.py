"""Each board is its own authority for registration: its cases are numbered in its own series."""

import pytest
from django.core.exceptions import ValidationError

from casework.models import RegistrationSeries
from casework.series import series_for
from casework.services import case_register
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_board_without_a_series_registers_under_its_code():
    assert series_for(factories.BoardFactory(code="kultur")) == "KULTUR"


def test_every_programme_of_a_board_numbers_its_cases_in_the_boards_series():
    board = factories.BoardFactory(code="fritid")
    RegistrationSeries.objects.create(board=board, prefix="FRN")
    first = factories.FundingProgrammeFactory(board=board)
    second = factories.FundingProgrammeFactory(board=board)
    other = factories.FundingProgrammeFactory(board=factories.BoardFactory(code="kultur"))
    assert (first.series, second.series, other.series) == ("FRN", "FRN", "KULTUR")
    numbers = [
        case_register(kind="funding_application", series=p.series, title="A", acting_user=None)
        for p in (first, second, other)
    ]
    assert [case.case_number.rsplit("-", 1)[1] for case in numbers] == ["00001", "00002", "00001"]
    assert numbers[1].case_number.startswith("FRN-")


def test_a_series_is_refused_when_another_board_registers_under_it():
    factories.BoardFactory(code="frn")
    series = RegistrationSeries(board=factories.BoardFactory(code="fritid"), prefix="FRN")
    with pytest.raises(ValidationError) as refused:
        series.full_clean()
    assert "prefix" in refused.value.message_dict


def test_a_series_is_capitals_and_digits():
    series = RegistrationSeries(board=factories.BoardFactory(), prefix="frn-1")
    with pytest.raises(ValidationError):
        series.full_clean()
