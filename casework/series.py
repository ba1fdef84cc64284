"""Case-number series: each board is its own authority for registration, with its own series.

A board's series is configured as a ``RegistrationSeries``; a board without one registers
under its short code in capitals. Numbers are taken from ``CaseNumberCounter`` per series and
year, so a number once given is never given again, whichever programme or kind of case took it.
"""

from organisations.models import Board

from .models import RegistrationSeries


def series_for(board: Board) -> str:
    """The series the board registers its cases in, e.g. ``FRN``."""
    try:
        return board.registration_series.prefix
    except RegistrationSeries.DoesNotExist:
        return board.code.upper()
