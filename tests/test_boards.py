"""delreg.boards: finding a board by code or name, the default board, and routing a row."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.boards import Board, Boards, board_code, diary_series, routing
from delreg.errors import InvalidValue
from delreg.model import Decision

HSN = Board("HSN", "Hälso- och sjukvårdsnämnden", "Hälso- och sjukvårdsdirektören")
RS = Board("RS", "Regionstyrelsen", "Regiondirektören")
TWO = Boards((HSN, RS))
SERIES = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVXYZÅÄÖ", min_size=1, max_size=6)


@settings(max_examples=200)
@given(series=SERIES, year=st.integers(2000, 2099), serial=st.integers(1, 99999))
def test_the_series_is_the_letters_of_every_shape(series: str, year: int, serial: int) -> None:
    for number in (
        f"{year % 100:02d}{series}{serial}",
        f"{series} {year}/{serial}",
        f"{series}-{year}-{serial}-2",
        f"{series}/{serial}/{year}",
    ):
        assert diary_series(number) == series
    assert diary_series(f"{serial}/{year}") is None


@settings(max_examples=200)
@given(code=st.from_regex(r"[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9_-]{0,19}", fullmatch=True))
def test_a_code_is_upper_cased_and_found_however_written(code: str) -> None:
    if code.casefold() == "all":
        with pytest.raises(InvalidValue):
            board_code(code)
        return
    made = board_code(code)
    assert made == code.upper()
    boards = Boards((Board(made, f"Nämnden {made}"),))
    assert boards.find(f"  {code.lower()} ") == boards.boards[0]


@pytest.mark.parametrize("text", ["", "H S N", "HSN!", "x" * 21, "Hälso- och sjukvårdsnämnden"])
def test_what_is_not_a_code(text: str) -> None:
    with pytest.raises(InvalidValue, match="not a board code"):
        board_code(text)


def test_a_board_is_found_by_its_name_in_any_case_and_spacing() -> None:
    assert TWO.find("hälso-  och SJUKVÅRDSNÄMNDEN") == HSN
    assert TWO.find("KN") is None


def test_the_default_board_to_read_and_to_write() -> None:
    assert TWO.for_reading(None, "") is None  # several, no default: every board
    assert TWO.for_reading(None, "Regionstyrelsen") == "RS"
    assert TWO.for_reading("all", "RS") is None
    assert Boards((HSN,)).for_reading(None, "") == "HSN"
    assert Boards().for_reading(None, "Hälso- och sjukvårdsnämnden") is None
    with pytest.raises(InvalidValue, match="several boards and no default"):
        TWO.for_writing(None, "")
    with pytest.raises(InvalidValue, match="lists every board"):
        TWO.for_writing("all", "")
    # A register that names no board: the first one named becomes its board.
    assert Boards().for_writing(None, " Socialnämnden ") == Board("Socialnämnden", "Socialnämnden")
    assert Boards().for_writing(None, "") is None


def decision(number: str, board: str | None = None) -> Decision:
    return Decision(number, "beslut", "ett beslut", board=board, source=f"export.csv:{number}")


def test_a_row_goes_by_its_own_board_then_board_then_series_then_default() -> None:
    plan = routing(TWO, option=None, configured="HSN", series={"RS": "RS"})
    assert plan.route(decision("24RS1", "regionstyrelsen")).board == "RS"
    assert plan.route(decision("HSN 2024/1")).board == "HSN"  # no such series: the default
    assert plan.route(decision("RS 2024/1")).board == "RS"
    forced = routing(TWO, option="RS", configured="HSN", series={})
    # A row that names no board is left for the store to put on the import's board.
    assert forced.route(decision("HSN 2024/1")).board is None and forced.board == RS
    with pytest.raises(InvalidValue, match="the row is HSN's, the import RS's"):
        forced.route(decision("24RS1", "HSN"))


def test_a_row_nothing_places_is_refused_where_a_guess_would_be_needed() -> None:
    plan = routing(TWO, option=None, configured="", series={"RS": "RS"})
    with pytest.raises(InvalidValue, match="its series KS is not in"):
        plan.route(decision("KS 2024/1"))
    with pytest.raises(InvalidValue, match="no board 'KN'"):
        plan.route(decision("RS 2024/1", "KN"))
    with pytest.raises(InvalidValue, match="no board 'KN'"):
        routing(TWO, option=None, configured="", series={"KS": "KN"})


def test_in_a_register_without_boards_the_first_named_is_its_board() -> None:
    plan = routing(Boards(), option=None, configured="", series={})
    assert plan.route(decision("24RS1", "Kulturnämnden")).board == "Kulturnämnden"
    # (The register puts a row that named none on that board as the import ends.)
    assert plan.route(decision("24RS2")).board is None
    with pytest.raises(InvalidValue, match="no board 'Fritidsnämnden'"):
        plan.route(decision("24RS3", "Fritidsnämnden"))
