"""Personal identity numbers for tests: made the way the Tax Agency makes them (a date, three
digits, the Luhn check digit), written the ways Swedish documents write them."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st


def luhn(nine: str) -> str:
    """The check digit of a personal identity number's first nine digits (YYMMDDNNN)."""
    total = 0
    for index, digit in enumerate(nine):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


@st.composite
def personal_numbers(draw: st.DrawFn) -> str:
    """ "811218-9876", "19811218-9876", a co-ordination number (its day plus 60), or "+" for a
    person of a hundred or more."""
    day = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2024, 12, 31)))
    serial = draw(st.integers(0, 999))
    coordination = draw(st.booleans())
    nine = f"{day:%y%m}{day.day + (60 if coordination else 0):02d}{serial:03d}"
    century = draw(st.sampled_from(["", str(day.year // 100)]))
    mark = draw(st.sampled_from("-+")) if not century else "-"
    return f"{century}{nine[:6]}{mark}{nine[6:]}{luhn(nine)}"


@st.composite
def unseparated_personal_numbers(draw: st.DrawFn) -> str:
    """ "198112189876" or "8112189876": a personal identity number as case systems print it,
    without its dash."""
    number = draw(personal_numbers())
    digits = number.replace("-", "").replace("+", "")
    return digits if len(digits) == 12 or draw(st.booleans()) else digits[-10:]
