"""What the fuzzing found, each as the failing example: refused with a message, not a 500."""

import pytest
from django.core.exceptions import ValidationError

from casework.forms import ModelMultipleChoiceField
from organisations.models import Board
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pk", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_an_id_no_database_can_hold_is_an_invalid_choice(pk):
    board = factories.BoardFactory()
    field = ModelMultipleChoiceField(queryset=Board.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([str(board.pk), pk])
    assert pk in str(refused.value)


def test_ids_within_range_are_still_chosen():
    boards = [factories.BoardFactory(), factories.BoardFactory()]
    field = ModelMultipleChoiceField(queryset=Board.objects.all())
    assert set(field.clean([str(b.pk) for b in boards])) == set(boards)
