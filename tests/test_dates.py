"""Dates as Swedish documents write them, stored as ISO text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from delreg.dates import MONTHS, parse_date, parse_month
from delreg.errors import InvalidValue


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-01-19", "2024-01-19"),
        ("19 januari 2024", "2024-01-19"),
        ("den 19 januari 2024", "2024-01-19"),
        ("8 december 2023", "2023-12-08"),
        ("8 dec. 2023", "2023-12-08"),
        ("29 februari 2024", "2024-02-29"),
        ("  1  MAJ  2025 ", "2025-05-01"),
        ("03.04.2024", "2024-04-03"),
        ("3.4.2024", "2024-04-03"),
    ],
)
def test_written_dates(written: str, iso: str) -> None:
    assert parse_date(written) == iso


def test_a_date_without_a_year_takes_the_meetings_year() -> None:
    assert parse_date("den 14 mars", default_year=2024) == "2024-03-14"
    with pytest.raises(InvalidValue, match="no year"):
        parse_date("den 14 mars")


@pytest.mark.parametrize(
    "bad", ["2024-02-30", "31 april 2024", "29 februari 2023", "2024-13-01", "31.4.2024"]
)
def test_impossible_dates_are_clear_errors(bad: str) -> None:
    with pytest.raises(InvalidValue, match="not a real date"):
        parse_date(bad)


def test_a_month_first_date_is_refused_saying_how_it_was_read() -> None:
    # An American export's "3/13/2024" is read day first, as Swedish dates are written: no
    # 13th month. Which order was meant is not guessed ("5/3/2024" is the 5th of March).
    with pytest.raises(InvalidValue) as raised:
        parse_date("3/13/2024")
    assert raised.value.message == (
        "'3/13/2024' is not a real date (read day first, as a Swedish date is written: day 3, "
        "month 13; month first it would be 2024-03-13, which is not guessed)"
    )
    assert raised.value.hint == (
        "write the dates in ISO form (YYYY-MM-DD), or check the export's date format"
    )
    assert parse_date("5/3/2024") == "2024-03-05"
    # No order makes a real date of it: the order read is told all the same.
    with pytest.raises(InvalidValue, match=r"day 13, month 13\)$"):
        parse_date("13.13.2024")


@pytest.mark.parametrize("bad", ["", "igår", "19", "19 januar 2024", "2024/01/19", "3.4.24"])
def test_text_that_is_no_date(bad: str) -> None:
    with pytest.raises(InvalidValue):
        parse_date(bad)


def test_a_date_with_room_around_it_reads_and_a_page_of_text_is_no_date() -> None:
    assert parse_date(" " * 90 + "den 8 december 2023" + " " * 90) == "2023-12-08"
    with pytest.raises(InvalidValue, match="is not a date"):
        parse_date("den 8 december 2023 " * 20)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))  # the register range
def test_every_date_reads_the_same_in_iso_and_in_words(day: date) -> None:
    words = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    assert parse_date(words) == day.isoformat()
    assert parse_date("den " + words) == day.isoformat()
    assert parse_date(day.isoformat()) == day.isoformat()
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day.isoformat()
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year}") == day.isoformat()
    assert parse_date(f"{day.day}/{day.month} {day.year}") == day.isoformat()
    assert parse_date(f"den {day.day}/{day.month} {day.year}") == day.isoformat()
    assert parse_date(f"den {day.day}.{day.month}.{day.year}") == day.isoformat()


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_our_error(text: str) -> None:
    try:
        result = parse_date(text, default_year=2024)
    except InvalidValue:
        return
    assert date.fromisoformat(result)


def test_months() -> None:
    assert parse_month("2024-02", today=date(2026, 1, 1)) == ("2024-02-01", "2024-02-29")
    assert parse_month("last", today=date(2024, 1, 15)) == ("2023-12-01", "2023-12-31")
    with pytest.raises(InvalidValue):
        parse_month("2024-13", today=date(2024, 1, 1))
