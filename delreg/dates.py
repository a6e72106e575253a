"""Reading dates as Swedish documents and users write them; storing them as ISO text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from delreg.errors import InvalidValue
from delreg.text import LazyPattern, shown

# The days a register accepts, for every date it is given (decisions, notifications, meetings,
# the day a check runs as of). Deadlines run forward from them (three weeks to appeal, a spärr,
# contract notice periods of years) and must stay dates; a Word report dates its zip entries,
# which can hold nothing after 2107. Registers of delegation decisions begin in the 20th century.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
_RANGE_HINT = f"a register keeps dates from {FIRST_DAY} to {LAST_DAY}"

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


if TYPE_CHECKING:
    from dateutil.parser import parserinfo


@cache
def _swedish_parser_info() -> parserinfo:
    """dateutil's parser with Swedish month names, so "8 december 2023" reads as it should.

    Built on first use: dateutil's parser takes 10 ms to import, and most commands only ever
    see ISO dates.
    """
    from dateutil import parser as date_parser

    class SwedishParserInfo(date_parser.parserinfo):
        # dateutil reads these lists as class attributes.
        JUMP = [*date_parser.parserinfo.JUMP, "den"]  # noqa: RUF012
        MONTHS = [(name[:3], name) for name in MONTHS]  # noqa: RUF012

    return SwedishParserInfo(dayfirst=True)


_ISO = LazyPattern(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# "3.4.2024", "03.04.2024": day, month and a four-digit year, as some exports write them.
_DOTTED = LazyPattern(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# "15/3 2024", "den 15/3 2024": day and month with a slash, then the year; "5/3/2024" and
# "5/3-2024" as a European export writes it, day first too (a month first, "3/13/2024", is
# refused as no real date).
_SLASHED = LazyPattern(r"(?:den\s+)?(\d{1,2})/(\d{1,2})(?:\s+|/|-)(\d{4})")
_MONTH_NAMES = "|".join(sorted({*MONTHS, *(name[:3] for name in MONTHS)}, key=len, reverse=True))
# "den 8 december 2023", "8 dec. 2023", "den 14 mars": day, a Swedish month name, maybe a year.
_WORDED = LazyPattern(
    rf"(?:den\s+)?(\d{{1,2}})\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?", re.IGNORECASE
)


_LONGEST_DATE = 200


def parse_date(text: str, *, default_year: int | None = None) -> str:
    """An ISO date from ``2024-01-19``, ``19 januari 2024``, ``den 19 januari``, ``19.1.2024``
    or ``19/1 2024``, ``19/1/2024`` (day first).

    A date written without a year takes ``default_year`` (the meeting's); without one it is an
    error, as is a date that does not exist.
    """
    # "den 30 september 2024" with room to spare around it: a longer text is no date, and not
    # worth splitting into words (a megabyte cell took fifty times as long as a tenth of one).
    value = " ".join(text.split()) if len(text) <= _LONGEST_DATE else ""
    if found := _ISO.fullmatch(value):
        return _checked(value, lambda: date(*map(int, found.groups())))
    if dotted := _DOTTED.fullmatch(value.removeprefix("den ")) or _SLASHED.fullmatch(value):
        day, month, year = map(int, dotted.groups())
        order = _day_first(day, month, year) if month > 12 else ""
        return _checked(value, lambda: date(year, month, day), order)
    found = _WORDED.fullmatch(value)
    if not found:
        raise InvalidValue(
            f"{shown(text.strip())} is not a date",
            hint="write it as 2024-01-19 or 19 januari 2024",
        )
    if found.group(3) is None and default_year is None:
        raise InvalidValue(f"{shown(text.strip())} has no year", hint="write it as 19 januari 2024")
    from dateutil import parser as date_parser

    default = datetime(default_year or 2000, 1, 1)
    info = _swedish_parser_info()
    return _checked(value, lambda: date_parser.parse(value, info, default=default).date())


def _checked(text: str, build: object, order: str = "") -> str:
    assert callable(build)
    try:
        built = build()
    except (ValueError, OverflowError):
        if order:
            raise InvalidValue(
                f"{shown(text)} is not a real date ({order})",
                hint="write the dates in ISO form (YYYY-MM-DD), or check the export's date format",
            ) from None
        raise InvalidValue(
            f"{shown(text)} is not a real date", hint="check the day and month"
        ) from None
    assert isinstance(built, date)
    return within_range(built).isoformat()


def _day_first(day: int, month: int, year: int) -> str:
    """How a date whose second number is no month was read: day first, as Swedish documents
    write dates, and what it would be month first ("3/13/2024", an American export's), which is
    not guessed: "5/3/2024" is the 5th of March here, and one export may hold both kinds."""
    read = f"read day first, as a Swedish date is written: day {day}, month {month}"
    try:
        swapped = within_range(date(year, day, month))
    except (ValueError, OverflowError, InvalidValue):
        return read
    return f"{read}; month first it would be {swapped.isoformat()}, which is not guessed"


def within_range(day: date) -> date:
    """``day`` if a register accepts it; InvalidValue otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValue(
            f"{day.isoformat()} is outside the dates a register keeps",
            hint=f"{_RANGE_HINT}; is the year right?",
        )
    return day


def optional_date(text: str | None, *, default_year: int | None = None) -> str | None:
    """``parse_date`` for a value that may be left out (empty or None)."""
    if text is None or not text.strip():
        return None
    return parse_date(text, default_year=default_year)


def parse_month(text: str, *, today: date) -> tuple[str, str]:
    """The first and last day of ``YYYY-MM``, or of the month before ``today`` for ``last``."""
    value = text.strip().lower()
    if value == "last":
        first_of_this = today.replace(day=1)
        year, month = (
            (first_of_this - timedelta(days=1)).year,
            (first_of_this - timedelta(days=1)).month,
        )
    else:
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not found or not 1 <= int(found.group(2)) <= 12:
            raise InvalidValue(
                f"{shown(text)} is not a month", hint="write it as 2024-01 or 'last'"
            )
        year, month = int(found.group(1)), int(found.group(2))
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise InvalidValue(
            f"{shown(text)} is outside the months a register keeps", hint=_RANGE_HINT
        )
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first.isoformat(), (following - timedelta(days=1)).isoformat()
