"""The Swedish calendar and legal deadlines, checked against known dates and an independent oracle.

Expectations never come from delreg.deadlines itself: they are dates read off the almanac, worked
examples from the law's commentary and Upphandlingsmyndigheten, or a separate computation of the
rules (the Gregorian computus rather than dateutil, a plain day-by-day test rather than tables).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from delreg.deadlines import (
    appeal_ends_on,
    contract_allowed_from,
    describe_day,
    easter_sunday,
    final_from,
    is_holiday,
    is_non_working_day,
    meeting_appeal_ends_on,
    minutes_adjust_deadline,
    minutes_warnings,
    posting_deadline,
    public_holidays,
    roll_forward,
    standstill_ends_on,
)
from delreg.model import Meeting

SATURDAY = 5
SUNDAY = 6


def computus(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm, independent of dateutil."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon_correction = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday_shift = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    late = (golden + 11 * epact + 22 * weekday_shift) // 451
    month, day = divmod(epact + weekday_shift - 7 * late + 114, 31)
    return date(year, month, day + 1)


def oracle_is_holiday(day: date) -> bool:
    """Lag 1989:253 as in force since 2005, read straight off the law, day by day."""
    if day.weekday() == SUNDAY:
        return True
    if (day.month, day.day) in {(1, 1), (1, 6), (5, 1), (6, 6), (12, 25), (12, 26)}:
        return True
    if (day - computus(day.year)).days in {-2, 1, 39}:
        return True
    is_saturday = day.weekday() == SATURDAY
    midsommardagen = is_saturday and day.month == 6 and 20 <= day.day <= 26
    alla_helgons_dag = is_saturday and (
        (day.month, day.day) == (10, 31) or (day.month == 11 and day.day <= 6)
    )
    return midsommardagen or alla_helgons_dag


def oracle_is_non_working_day(day: date) -> bool:
    """Lag 1930:173 2 §: holidays, Saturdays, midsommarafton, julafton, nyårsafton."""
    midsommarafton = day.weekday() == 4 and day.month == 6 and 19 <= day.day <= 25
    eve = midsommarafton or (day.month, day.day) in {(12, 24), (12, 31)}
    return oracle_is_holiday(day) or day.weekday() == SATURDAY or eve


# Read off the almanac (not computed): every holiday that is not a plain Sunday.
KNOWN_HOLIDAYS: dict[int, dict[str, date]] = {
    2022: {
        "långfredagen": date(2022, 4, 15),
        "påskdagen": date(2022, 4, 17),
        "annandag påsk": date(2022, 4, 18),
        "Kristi himmelsfärdsdag": date(2022, 5, 26),
        "pingstdagen": date(2022, 6, 5),
        "midsommardagen": date(2022, 6, 25),
        "alla helgons dag": date(2022, 11, 5),
    },
    2023: {
        "långfredagen": date(2023, 4, 7),
        "påskdagen": date(2023, 4, 9),
        "annandag påsk": date(2023, 4, 10),
        "Kristi himmelsfärdsdag": date(2023, 5, 18),
        "pingstdagen": date(2023, 5, 28),
        "midsommardagen": date(2023, 6, 24),
        "alla helgons dag": date(2023, 11, 4),
    },
    2024: {
        "långfredagen": date(2024, 3, 29),
        "påskdagen": date(2024, 3, 31),
        "annandag påsk": date(2024, 4, 1),
        "Kristi himmelsfärdsdag": date(2024, 5, 9),
        "pingstdagen": date(2024, 5, 19),
        "midsommardagen": date(2024, 6, 22),
        "alla helgons dag": date(2024, 11, 2),
    },
    2025: {
        "långfredagen": date(2025, 4, 18),
        "påskdagen": date(2025, 4, 20),
        "annandag påsk": date(2025, 4, 21),
        "Kristi himmelsfärdsdag": date(2025, 5, 29),
        "pingstdagen": date(2025, 6, 8),
        "midsommardagen": date(2025, 6, 21),
        "alla helgons dag": date(2025, 11, 1),
    },
    2026: {
        "långfredagen": date(2026, 4, 3),
        "påskdagen": date(2026, 4, 5),
        "annandag påsk": date(2026, 4, 6),
        "Kristi himmelsfärdsdag": date(2026, 5, 14),
        "pingstdagen": date(2026, 5, 24),
        "midsommardagen": date(2026, 6, 20),
        "alla helgons dag": date(2026, 10, 31),
    },
    2027: {
        "långfredagen": date(2027, 3, 26),
        "påskdagen": date(2027, 3, 28),
        "annandag påsk": date(2027, 3, 29),
        "Kristi himmelsfärdsdag": date(2027, 5, 6),
        "pingstdagen": date(2027, 5, 16),
        "midsommardagen": date(2027, 6, 26),
        "alla helgons dag": date(2027, 11, 6),
    },
}
FIXED_HOLIDAYS = {
    "nyårsdagen": (1, 1),
    "trettondedag jul": (1, 6),
    "första maj": (5, 1),
    "Sveriges nationaldag": (6, 6),
    "juldagen": (12, 25),
    "annandag jul": (12, 26),
}

years = st.integers(min_value=2005, max_value=2200)
# From 2005, when Sveriges nationaldag replaced annandag pingst: the oracle knows only today's law.
days_2005_2100 = st.dates(min_value=date(2005, 1, 1), max_value=date(2100, 12, 31))
days_2020_2030 = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


# --- Easter and the public holidays -------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2008, date(2008, 3, 23)),
        (2011, date(2011, 4, 24)),
        (2024, date(2024, 3, 31)),  # early
        (2025, date(2025, 4, 20)),  # late
        (2038, date(2038, 4, 25)),  # the latest possible
        (2285, date(2285, 3, 22)),  # the earliest possible
    ],
)
def test_easter_sunday_known_years(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_easter_sunday_agrees_with_the_computus() -> None:
    for year in range(1900, 2300):
        assert easter_sunday(year) == computus(year), year


@pytest.mark.parametrize("year", sorted(KNOWN_HOLIDAYS))
def test_public_holidays_match_the_almanac(year: int) -> None:
    expected = {day: name for name, day in KNOWN_HOLIDAYS[year].items()}
    expected |= {date(year, month, day): name for name, (month, day) in FIXED_HOLIDAYS.items()}
    assert public_holidays(year) == expected


def test_public_holidays_are_thirteen_named_days_every_year() -> None:
    for year in range(2005, 2200):
        holidays = public_holidays(year)
        # Two holidays share a day in some years (e.g. 2008: första maj, Kristi himmelsfärdsdag).
        names = [name for joined in holidays.values() for name in joined.split(" och ")]
        assert len(names) == 13, year
        assert all(day.year == year for day in holidays), year


def test_shared_day_names_both_holidays() -> None:
    assert public_holidays(2008)[date(2008, 5, 1)] == "första maj och Kristi himmelsfärdsdag"
    assert public_holidays(2049)[date(2049, 6, 6)] == "pingstdagen och Sveriges nationaldag"


def test_is_holiday_agrees_with_the_law_every_day() -> None:
    day, last = date(2005, 1, 1), date(2100, 12, 31)
    while day <= last:
        assert is_holiday(day) == oracle_is_holiday(day), day
        day += timedelta(days=1)


def test_is_non_working_day_agrees_with_the_law_every_day() -> None:
    day, last = date(2005, 1, 1), date(2100, 12, 31)
    while day <= last:
        assert is_non_working_day(day) == oracle_is_non_working_day(day), day
        day += timedelta(days=1)


@given(years)
def test_midsommardagen_is_the_saturday_of_20_to_26_june(year: int) -> None:
    (day,) = [d for d, name in public_holidays(year).items() if name == "midsommardagen"]
    assert day.weekday() == SATURDAY
    assert date(year, 6, 20) <= day <= date(year, 6, 26)


@given(years)
def test_alla_helgons_dag_is_the_saturday_of_31_october_to_6_november(year: int) -> None:
    (day,) = [d for d, name in public_holidays(year).items() if name == "alla helgons dag"]
    assert day.weekday() == SATURDAY
    assert date(year, 10, 31) <= day <= date(year, 11, 6)


@given(years)
def test_annandag_pingst_is_no_holiday_since_2005(year: int) -> None:
    annandag_pingst = computus(year) + timedelta(days=50)
    assert annandag_pingst.weekday() == 0
    # Only when it happens to fall on Sveriges nationaldag (as in 2101) is the Monday a holiday.
    assert is_holiday(annandag_pingst) == ((annandag_pingst.month, annandag_pingst.day) == (6, 6))
    assert "annandag pingst" not in " ".join(public_holidays(year).values())


def test_before_2005_annandag_pingst_not_nationaldagen() -> None:
    holidays = public_holidays(2003)  # Easter 20 April 2003
    assert holidays[date(2003, 6, 9)] == "annandag pingst"
    assert date(2003, 6, 6) not in holidays  # a Friday, then a working day
    assert not is_non_working_day(date(2003, 6, 6))


def test_public_holidays_returns_a_copy_of_the_cache() -> None:
    public_holidays(2024).clear()
    assert date(2024, 12, 25) in public_holidays(2024)
    assert is_holiday(date(2024, 12, 25))


def test_weekdays_are_working_days() -> None:
    assert not is_holiday(date(2024, 3, 28))  # skärtorsdagen is no holiday
    assert not is_non_working_day(date(2024, 3, 28))
    assert not is_non_working_day(date(2024, 12, 23))
    assert is_holiday(date(2024, 3, 10))  # a plain Sunday
    assert not is_holiday(date(2024, 3, 9))  # a plain Saturday is no holiday …
    assert is_non_working_day(date(2024, 3, 9))  # … but a period cannot end on it


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 12, 26), "annandag jul"),
        (date(2023, 12, 24), "julafton"),  # a Sunday: the eve is the more telling name
        (date(2024, 3, 31), "påskdagen"),  # a Sunday that is a holiday
        (date(2024, 1, 6), "trettondedag jul"),  # on a Saturday
        (date(2024, 6, 21), "midsommarafton"),
        (date(2024, 6, 22), "midsommardagen"),
        (date(2024, 12, 31), "nyårsafton"),
        (date(2024, 3, 9), "lördag"),
        (date(2024, 3, 10), "söndag"),
        (date(2024, 3, 28), None),
        (date(2024, 5, 20), None),  # annandag pingst
    ],
)
def test_describe_day(day: date, expected: str | None) -> None:
    assert describe_day(day) == expected


@given(days_2005_2100)
def test_describe_day_names_exactly_the_non_working_days(day: date) -> None:
    assert (describe_day(day) is not None) == is_non_working_day(day)


# --- Rolling forward ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 3, 28), date(2024, 3, 28)),  # a working day stays
        (date(2024, 3, 29), date(2024, 4, 2)),  # långfredagen → after annandag påsk
        (date(2024, 6, 21), date(2024, 6, 24)),  # midsommarafton → Monday
        (date(2020, 12, 24), date(2020, 12, 28)),  # julafton Thursday → the Monday after
        (date(2024, 12, 31), date(2025, 1, 2)),  # nyårsafton → past nyårsdagen
    ],
)
def test_roll_forward_known_days(day: date, expected: date) -> None:
    assert roll_forward(day) == expected


@given(days_2005_2100)
def test_roll_forward_lands_on_the_first_working_day(day: date) -> None:
    rolled = roll_forward(day)
    assert rolled >= day
    assert not oracle_is_non_working_day(rolled)
    skipped = (day + timedelta(days=n) for n in range((rolled - day).days))
    assert all(oracle_is_non_working_day(d) for d in skipped)
    if not oracle_is_non_working_day(day):
        assert rolled == day


# --- Laglighetsprövning -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("posted_on", "expected"),
    [
        (date(2023, 12, 5), date(2023, 12, 27)),  # 26 Dec is annandag jul (domain.md)
        (date(2024, 1, 16), date(2024, 2, 6)),  # a plain Tuesday three weeks on
        (date(2025, 3, 28), date(2025, 4, 22)),  # långfredagen, påsk, annandag påsk
        (date(2024, 12, 10), date(2025, 1, 2)),  # nyårsafton, then nyårsdagen
    ],
)
def test_appeal_ends_on_known_cases(posted_on: date, expected: date) -> None:
    assert appeal_ends_on(posted_on) == expected


@given(days_2005_2100)
def test_appeal_ends_on_the_first_working_day_from_three_weeks(posted_on: date) -> None:
    three_weeks = posted_on + timedelta(days=21)
    last_day = appeal_ends_on(posted_on)
    assert last_day >= three_weeks
    assert not oracle_is_non_working_day(last_day)
    between = (three_weeks + timedelta(days=n) for n in range((last_day - three_weeks).days))
    assert all(oracle_is_non_working_day(d) for d in between)


# --- Avtalsspärr --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notified_on", "days", "standstill_until", "contract_from"),
    [
        # Upphandlingsmyndigheten's examples.
        (date(2019, 4, 1), 10, date(2019, 4, 11), date(2019, 4, 12)),
        (date(2019, 4, 18), 10, date(2019, 4, 29), date(2019, 4, 30)),
        # Day 10 is midsommarafton 2024, then a weekend.
        (date(2024, 6, 11), 10, date(2024, 6, 24), date(2024, 6, 25)),
        # Day 10 is julafton 2024, then juldagen, annandag jul.
        (date(2024, 12, 14), 10, date(2024, 12, 27), date(2024, 12, 28)),
        # Notified other than electronically: 15 days, day 15 a Saturday.
        (date(2024, 3, 1), 15, date(2024, 3, 18), date(2024, 3, 19)),
    ],
)
def test_standstill_known_cases(
    notified_on: date, days: int, standstill_until: date, contract_from: date
) -> None:
    assert standstill_ends_on(notified_on, days) == standstill_until
    assert contract_allowed_from(notified_on, days) == contract_from


def test_standstill_defaults_to_ten_days() -> None:
    assert standstill_ends_on(date(2019, 4, 1)) == date(2019, 4, 11)
    assert contract_allowed_from(date(2019, 4, 1)) == date(2019, 4, 12)


def test_standstill_refuses_a_period_of_no_days() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        standstill_ends_on(date(2024, 3, 1), 0)


@given(days_2020_2030, st.sampled_from([10, 15]))
def test_contract_never_allowed_on_or_before_the_last_spärr_day(
    notified_on: date, days: int
) -> None:
    allowed = contract_allowed_from(notified_on, days)
    assert allowed > notified_on + timedelta(days=days)
    # The spärr itself ends on a working day, the day before the contract may be signed.
    assert not oracle_is_non_working_day(allowed - timedelta(days=1))


# --- Minutes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting_on", "expected"),
    [
        (date(2024, 1, 30), date(2024, 2, 13)),  # a plain Tuesday
        (date(2024, 6, 7), date(2024, 6, 24)),  # day 14 is midsommarafton
        (date(2023, 12, 12), date(2023, 12, 27)),  # day 14 is annandag jul
    ],
)
def test_minutes_adjust_deadline(meeting_on: date, expected: date) -> None:
    assert minutes_adjust_deadline(meeting_on) == expected


@pytest.mark.parametrize(
    ("adjusted_on", "expected"),
    [
        (date(2024, 2, 13), date(2024, 2, 15)),  # Tuesday → Thursday
        (date(2024, 6, 20), date(2024, 6, 24)),  # day 2 is midsommardagen
        (date(2024, 2, 16), date(2024, 2, 19)),  # Friday → Sunday → Monday
    ],
)
def test_posting_deadline(adjusted_on: date, expected: date) -> None:
    assert posting_deadline(adjusted_on) == expected


# A meeting's minutes and the appeal period they open (kommunallagen 5:69, 8:12, 13:5).


def _meeting(held: str, adjusted: str | None = None, posted: str | None = None) -> Meeting:
    return Meeting(held, "Hälso- och sjukvårdsnämnden", adjusted_on=adjusted, posted_on=posted)


def test_a_meetings_appeal_period_runs_from_the_posting_of_its_minutes() -> None:
    assert meeting_appeal_ends_on(_meeting("2024-02-15", "2024-02-20")) is None
    assert meeting_appeal_ends_on(_meeting("2024-02-15", "2024-02-20", "2024-02-21")) == (
        "2024-03-13"
    )
    # Three weeks from 11 December 2024 is nyårsdagen; the period ends the next working day.
    assert meeting_appeal_ends_on(_meeting("2024-12-05", "2024-12-10", "2024-12-11")) == (
        "2025-01-02"
    )
    # Laga kraft from the day after.
    assert final_from(date(2025, 1, 2)) == date(2025, 1, 3)


@pytest.mark.parametrize(
    ("meeting", "warnings"),
    [
        (_meeting("2024-03-14", "2024-03-28", "2024-04-02"), []),
        # Skärtorsdagen is a working day: 19 days is late.
        (_meeting("2024-03-14", "2024-04-02"), ["approved 19 days after the meeting"]),
        # Fourteen days from 7 June 2024 is midsommarafton: the Monday after is in time.
        (_meeting("2024-06-07", "2024-06-24"), []),
        (_meeting("2024-06-07", "2024-06-25"), ["approved 18 days after the meeting"]),
        # Two days after Friday 20 December is a Sunday: Monday the 23rd is in time.
        (_meeting("2024-12-12", "2024-12-20", "2024-12-23"), []),
        (_meeting("2024-12-12", "2024-12-20", "2024-12-27"), ["posted 7 days after approval"]),
        (_meeting("2024-12-12", "2024-12-11"), ["approved (2024-12-11) before the meeting"]),
        (_meeting("2024-12-12", "2024-12-13", "2024-12-12"), ["posted (2024-12-12) before"]),
    ],
)
def test_minutes_approved_or_posted_late_are_told(meeting: Meeting, warnings: list[str]) -> None:
    told = minutes_warnings(meeting)
    assert len(told) == len(warnings), told
    for warning, expected in zip(told, warnings, strict=True):
        assert expected in warning
