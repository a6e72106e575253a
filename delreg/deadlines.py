"""The law's day counting: Swedish public holidays, working days, and the deadlines a register
keeps (appeal, avtalsspärr, the minutes of a meeting). Reading and writing dates is delreg.dates'.

Pure functions on ``datetime.date``, no I/O. Holidays follow lag (1989:253) om allmänna helgdagar,
computed by rule for any year. Deadlines follow lag (1930:173) om beräkning av lagstadgad tid: when
the last day of a period set in law is a *dag då fristen inte får löpa ut* (Saturday, Sunday,
public holiday, midsommarafton, julafton, nyårsafton), the act may be done the next working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from dateutil.easter import easter

from delreg.model import Meeting

__all__ = [
    "appeal_ends_on",
    "contract_allowed_from",
    "describe_day",
    "easter_sunday",
    "final_from",
    "is_holiday",
    "is_non_working_day",
    "meeting_appeal_ends_on",
    "minutes_adjust_deadline",
    "minutes_warnings",
    "posting_deadline",
    "public_holidays",
    "roll_forward",
    "standstill_ends_on",
]

SATURDAY = 5
SUNDAY = 6

# Lag (2004:1320) made Sveriges nationaldag a public holiday and removed annandag pingst from 2005.
# Older decisions still turn up in registers, so earlier years keep the holidays they had then.
NATIONALDAG_REPLACES_ANNANDAG_PINGST = 2005

# Kommunallagen 13 kap. 5 §: three weeks from the posting; by lag 1930:173 1 § a period of weeks
# ends on the same weekday, i.e. exactly 21 days later.
APPEAL_PERIOD = timedelta(weeks=3)
# Kommunallagen 5 kap. 69 §: the minutes are approved (justeras) at the latest 14 days after.
MINUTES_ADJUST_PERIOD = timedelta(days=14)
# Kommunallagen 8 kap. 12 §: the approval is posted at the latest the second day after it.
POSTING_PERIOD = timedelta(days=2)
# LOU 20 kap. 1 §: 10 days when the award was notified electronically (15 otherwise).
STANDSTILL_DAYS_ELECTRONIC = 10

_WEEKEND_NAMES = {SATURDAY: "lördag", SUNDAY: "söndag"}


def easter_sunday(year: int) -> date:
    """Påskdagen of ``year`` (Gregorian, as Sweden reckons it)."""
    return easter(year)


def _saturday_between(first: date) -> date:
    """The one Saturday in the seven days starting at ``first``."""
    return first + timedelta(days=(SATURDAY - first.weekday()) % 7)


@lru_cache(maxsize=256)
def _holidays(year: int) -> Mapping[date, str]:
    # Cached read-only, so that a caller who edits what public_holidays() returns cannot change
    # what every later caller sees.
    paskdagen = easter_sunday(year)
    pingstdagen = paskdagen + timedelta(days=49)
    by_rule: list[tuple[date, str]] = [
        (date(year, 1, 1), "nyårsdagen"),
        (date(year, 1, 6), "trettondedag jul"),
        (paskdagen - timedelta(days=2), "långfredagen"),
        (paskdagen, "påskdagen"),
        (paskdagen + timedelta(days=1), "annandag påsk"),
        (date(year, 5, 1), "första maj"),
        (paskdagen + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (pingstdagen, "pingstdagen"),
        (_saturday_between(date(year, 6, 20)), "midsommardagen"),
        (_saturday_between(date(year, 10, 31)), "alla helgons dag"),
        (date(year, 12, 25), "juldagen"),
        (date(year, 12, 26), "annandag jul"),
    ]
    if year >= NATIONALDAG_REPLACES_ANNANDAG_PINGST:
        by_rule.append((date(year, 6, 6), "Sveriges nationaldag"))
    else:
        by_rule.append((pingstdagen + timedelta(days=1), "annandag pingst"))
    holidays: dict[date, str] = {}
    # In date order; a stable sort keeps a shared day's names in the order listed above.
    for day, name in sorted(by_rule, key=lambda holiday: holiday[0]):
        # Two holidays can share a day (första maj and Kristi himmelsfärdsdag in 2008, Sveriges
        # nationaldag and pingstdagen in 2049); a message should name both.
        holidays[day] = f"{holidays[day]} och {name}" if day in holidays else name
    return MappingProxyType(holidays)


def public_holidays(year: int) -> dict[date, str]:
    """The public holidays of ``year`` that are not plain Sundays, by date, with Swedish names."""
    return dict(_holidays(year))


@lru_cache(maxsize=256)
def _eves(year: int) -> Mapping[date, str]:
    # The days lag 1930:173 2 § adds to the holidays although they are not holidays themselves.
    midsommarafton = _saturday_between(date(year, 6, 20)) - timedelta(days=1)
    return MappingProxyType(
        {
            midsommarafton: "midsommarafton",
            date(year, 12, 24): "julafton",
            date(year, 12, 31): "nyårsafton",
        }
    )


def is_holiday(day: date) -> bool:
    """Whether ``day`` is an allmän helgdag: a Sunday or a public holiday."""
    return day.weekday() == SUNDAY or day in _holidays(day.year)


def is_non_working_day(day: date) -> bool:
    """Whether a period set in law may not end on ``day`` (lag 1930:173 2 §)."""
    return day.weekday() in _WEEKEND_NAMES or day in _holidays(day.year) or day in _eves(day.year)


def describe_day(day: date) -> str | None:
    """Why ``day`` is not a working day, in Swedish, or None when it is one.

    The most specific name wins: "påskdagen" rather than "söndag", "julafton" rather than "lördag".
    """
    if name := _holidays(day.year).get(day):
        return name
    if name := _eves(day.year).get(day):
        return name
    return _WEEKEND_NAMES.get(day.weekday())


def roll_forward(day: date) -> date:
    """``day`` if it is a working day, otherwise the next working day (lag 1930:173 2 §)."""
    while is_non_working_day(day):
        day += timedelta(days=1)
    return day


def appeal_ends_on(posted_on: date) -> date:
    """The last day to appeal by laglighetsprövning (kommunallagen 13 kap. 5 §).

    ``posted_on`` is the day the approval of the minutes was posted on the notice board.
    """
    return roll_forward(posted_on + APPEAL_PERIOD)


def standstill_ends_on(notified_on: date, days: int = STANDSTILL_DAYS_ELECTRONIC) -> date:
    """The last day of the avtalsspärr (LOU 20 kap. 1 §).

    The notification day is day 0; ``days`` is 10 for electronic notification, 15 otherwise, or
    what the notice itself says.
    """
    if days < 1:
        raise ValueError(f"an avtalsspärr lasts at least one day, not {days}")
    return roll_forward(notified_on + timedelta(days=days))


def final_from(last_day: date) -> date:
    """The first day a decision has legal force (laga kraft): the day after the last day to
    appeal it, or after the day a court decided the appeal."""
    return last_day + timedelta(days=1)


def contract_allowed_from(notified_on: date, days: int = STANDSTILL_DAYS_ELECTRONIC) -> date:
    """The first day the upphandlingskontrakt may be signed: the day after the avtalsspärr."""
    return standstill_ends_on(notified_on, days) + timedelta(days=1)


# Both minutes deadlines are rolled forward. Lag 1930:173 2 § covers every time "då enligt lag
# eller särskild författning en åtgärd senast ska vidtas", and both rules are worded that way:
# "Protokollet ska justeras senast 14 dagar efter sammanträdet" (5 kap. 69 §) and "senast andra
# dagen efter justeringen" (8 kap. 12 §). Rolling forward also keeps a check from flagging minutes
# approved or posted on the Monday after a deadline that fell on a weekend, which the law allows.


def minutes_adjust_deadline(meeting_on: date) -> date:
    """The last day to approve (justera) the minutes of a meeting (kommunallagen 5 kap. 69 §)."""
    return roll_forward(meeting_on + MINUTES_ADJUST_PERIOD)


def posting_deadline(adjusted_on: date) -> date:
    """The last day to post the approval on the notice board (kommunallagen 8 kap. 12 §)."""
    return roll_forward(adjusted_on + POSTING_PERIOD)


# A meeting: the dates of its minutes, and the appeal period they open.


def meeting_appeal_ends_on(meeting: Meeting) -> str | None:
    """The last day to appeal decisions reported at the meeting (kommunallagen 13 kap. 5 §).

    The three weeks run from the posting of the approved minutes; before they are posted
    there is no deadline yet.
    """
    if meeting.posted_on is None:
        return None
    return appeal_ends_on(date.fromisoformat(meeting.posted_on)).isoformat()


def minutes_warnings(meeting: Meeting) -> list[str]:
    """Minutes approved late (5 kap. 69 §) or posted late (8 kap. 12 §)."""
    warnings: list[str] = []
    if not meeting.adjusted_on:
        return warnings
    held = date.fromisoformat(meeting.date)
    adjusted = date.fromisoformat(meeting.adjusted_on)
    if adjusted < held:
        warnings.append(f"the minutes were approved ({adjusted}) before the meeting ({held})")
    elif adjusted > minutes_adjust_deadline(held):
        warnings.append(
            f"the minutes were approved {(adjusted - held).days} days after the meeting; "
            "kommunallagen 5 kap. 69 § allows 14"
        )
    if meeting.posted_on:
        posted = date.fromisoformat(meeting.posted_on)
        if posted < adjusted:
            warnings.append(f"the minutes were posted ({posted}) before approval ({adjusted})")
        elif posted > posting_deadline(adjusted):
            warnings.append(
                f"the minutes were posted {(posted - adjusted).days} days after approval; "
                "kommunallagen 8 kap. 12 § allows two"
            )
    return warnings
