"""The last day to appeal, counted as lag (1930:173) om beräkning av lagstadgad tid counts it:
three weeks from the announcement, and a period ending on a Saturday, a Sunday, a public
holiday, midsommarafton, julafton or nyårsafton runs to the next working day."""

from datetime import date

import pytest

from common.statutory_time import is_day_off
from funding.models import BoardMeeting
from funding.models.meetings import appeal_period_end
from tests import factories


@pytest.mark.parametrize(
    ("announced_on", "last_day"),
    [
        # Ends on Långfredagen 2027-03-26: Easter Saturday, Easter Sunday, annandag påsk follow.
        (date(2027, 3, 5), date(2027, 3, 30)),
        # Ends on midsommarafton 2027-06-25 (a Friday): the next weekday is Monday.
        (date(2027, 6, 4), date(2027, 6, 28)),
        # Ends on julafton 2026-12-24: juldagen, then a weekend.
        (date(2026, 12, 3), date(2026, 12, 28)),
        # Ends on nyårsafton 2026-12-31: nyårsdagen, then a weekend.
        (date(2026, 12, 10), date(2027, 1, 4)),
        # Ends on Kristi himmelsfärdsdag 2027-05-06: the Friday after is a working day.
        (date(2027, 4, 15), date(2027, 5, 7)),
        # Ends on nationaldagen 2028-06-06, a Tuesday.
        (date(2028, 5, 16), date(2028, 6, 7)),
        # Ends on trettondedag jul 2027-01-06, a Wednesday.
        (date(2026, 12, 16), date(2027, 1, 7)),
    ],
)
def test_a_period_ending_on_a_holiday_or_an_eve_the_act_names_runs_to_the_next_weekday(
    announced_on, last_day
):
    assert appeal_period_end(announced_on) == last_day


def test_eves_the_act_does_not_name_are_working_days():
    # Trettondagsafton, valborgsmässoafton and the day before Kristi himmelsfärd are not
    # named by the act; påskafton and pingstafton are Saturdays anyway.
    assert appeal_period_end(date(2026, 12, 15)) == date(2027, 1, 5)
    assert appeal_period_end(date(2027, 4, 9)) == date(2027, 4, 30)
    assert not is_day_off(date(2027, 5, 5))


def test_an_ordinary_weekday_is_the_last_day_itself():
    assert appeal_period_end(date(2026, 11, 25)) == date(2026, 12, 16)


@pytest.mark.django_db
def test_the_meeting_states_the_last_day_after_christmas():
    meeting = BoardMeeting.objects.create(
        board=factories.BoardFactory(),
        held_on=date(2026, 11, 30),
        protocol_announced_on=date(2026, 12, 3),
    )
    assert meeting.appeal_ends_on == date(2026, 12, 28)
