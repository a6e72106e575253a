"""Normalising one field of a decision from what a person typed. Pure.

The command line (add, edit) and the importers share these rules, so a value means the same
whether it came from an option, a CSV cell or an Excel sheet. Which fields a decision has, and
what each holds, is the field list's to say (delreg.model.FIELDS); the characters any text may
hold are delreg.text's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from delreg.config import Config
from delreg.dates import FIRST_DAY, LAST_DAY, optional_date, within_range
from delreg.diary_numbers import canonical_match
from delreg.errors import InvalidValue
from delreg.limits import limits
from delreg.model import (
    DATE_FIELDS,
    NUMBER_FIELDS,
    TEXT_FIELDS,
    Decision,
    Notice,
    classify_kind,
    normalise_diary_number,
    normalise_procurement_number,
    require_kind,
    split_parties,
)
from delreg.text import clean_text, shown

NOTIFIED_BY = ("electronic", "post")
_FIRST_ISO, _LAST_ISO = FIRST_DAY.isoformat(), LAST_DAY.isoformat()
# Whole kronor: ten thousand billion is more than any contract of a Swedish region and more than
# Sweden's GDP, and far inside SQLite's 64-bit integers.
MAX_AMOUNT = 10**13
# The sensible range of each whole-number field (and of a meeting's paragraph): a spärr stated in
# an award notice is days or weeks, an item number or § counts a year's points at most.
BOUNDS = {
    "amount": (0, MAX_AMOUNT),
    "standstill_days": (1, 365),
    "item": (1, 100_000),
    "paragraph": (1, 100_000),
}
_TRUE = {"1", "true", "yes", "ja", "j", "y", "x", "sekretess", "sant"}
_FALSE = {"", "0", "false", "no", "nej", "n", "falskt"}
# "1 250 000", "1250000 kr", "1 250 000,00 SEK": whole kronor with optional zero öre.
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[ \u00a0.]?\d{3})*|\d+)(?:[,.]00?)?\s*(?:kr|kronor|sek|:-)?", re.I
)


def parse_bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidValue(f"{shown(text)} is not yes or no", hint="write true/false, ja/nej or 1/0")


def parse_amount(text: str) -> int | None:
    """Whole kronor from the ways Swedish documents write amounts; never a float."""
    value = text.strip()
    if not value:
        return None
    found = _AMOUNT.fullmatch(value) if len(value) <= _LONGEST_AMOUNT else None
    if not found:
        raise InvalidValue(
            f"{shown(text)} is not an amount in whole kronor",
            hint="write it as 1250000 or 1 250 000 kr",
        )
    return within_bounds("amount", int(re.sub(r"[^\d]", "", found.group(1))))


# "10 000 000 000 000,00 SEK" and a little more: a longer text is no amount (and not worth a
# regular expression's time).
_LONGEST_AMOUNT = 40


def within_bounds(name: str, number: int) -> int:
    """``number`` if it is in field ``name``'s sensible range (BOUNDS), else InvalidValue."""
    low, high = BOUNDS[name]
    if not low <= number <= high:
        written = f"{high:,}".replace(",", " ")
        raise InvalidValue(
            f"{shown(str(number))} is not a whole number of at least {low} and at most {written}",
            hint=f"{name} is a whole number from {low} to {written}",
        )
    return number


def board_name(text: str, config: Config) -> str:
    """The name of a board as given, held to the rule for any text (delreg.text)."""
    try:
        return " ".join(clean_text(limits(config).check_length(text)).split())
    except InvalidValue as error:
        raise InvalidValue(f"board: {error.message}", hint=error.hint) from None


def text_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    folded = " ".join(value.split())
    return folded or None


def normalise_field(
    name: str,
    value: Any,
    config: Config,
    *,
    strict_kind: bool = True,
    default_year: int | None = None,
) -> Any:
    """The stored form of field ``name``; raises InvalidValue naming the field."""
    try:
        return _normalise(name, value, config, strict_kind, default_year)
    except InvalidValue as error:
        raise InvalidValue(f"{name}: {error.message}", hint=error.hint) from None


def _normalise(
    name: str, value: Any, config: Config, strict_kind: bool, default_year: int | None
) -> Any:
    if name == "parties":
        if value is None:
            return ()
        check = limits(config).check_length
        if isinstance(value, str):
            return split_parties(clean_text(check(value)))
        return split_parties(clean_text(check(str(party))) for party in value)
    if isinstance(value, bool) and name == "secret":
        return value
    if isinstance(value, int) and not isinstance(value, bool) and name in BOUNDS:
        return within_bounds(name, value)
    text = "" if value is None else clean_text(limits(config).check_length(str(value)))
    if name == "diary_number":
        return normalise_diary_number(text, config)
    if name == "procurement_number":
        return normalise_procurement_number(text, config) if text.strip() else None
    if name == "kind":
        return require_kind(text, config) if strict_kind else classify_kind(text, config)
    if name in DATE_FIELDS:
        return optional_date(text, default_year=default_year)
    if name == "contract_period":
        return contract_period(text)
    if name == "secret":
        return parse_bool(text)
    if name == "amount":
        return parse_amount(text)
    if name in ("standstill_days", "item"):
        return _whole_number(name, text)
    if name == "notified_by":
        return _notified_by(text)
    return text_or_none(text)


class _Unsure:
    """What a quick reader answers where only ``normalise_field`` can tell."""

    def __repr__(self) -> str:
        return "UNSURE"


UNSURE: Any = _Unsure()


def quick_reader(name: str, config: Config) -> Callable[[str], Any]:
    """A reader of field ``name`` that gives what ``normalise_field(name, text, config,
    strict_kind=False)`` gives, or UNSURE, for text that is already clean.

    Clean text is what an export's cell becomes when no rule of the door has work to do: not
    empty, printable (Swedish letters are), no white space but single spaces between words, and
    no longer than a value may be (``[limits] cell_chars``). Most cells of an export are, and
    the general rules cost several times more than these: a date already ``YYYY-MM-DD``, an
    amount already digits, a party list without escapes. Anything else is UNSURE, and the
    caller asks ``normalise_field``, so its messages stay the only words.
    """
    if name in DATE_FIELDS:
        return _quick_date
    if name in BOUNDS:
        return _quick_whole(name)
    if name == "parties":
        return _quick_parties
    if name == "diary_number":
        canonical = canonical_match()

        def diary_number(text: str) -> str:
            # Most numbers of an export are canonical already; normalise_diary_number says so
            # too, after a call or two more.
            if canonical(text) is not None:
                return text
            return normalise_diary_number(text, config)

        return diary_number
    if name == "procurement_number":
        shapes = config.procurement_number_patterns

        def procurement_number(text: str) -> str:
            # Most are in one of the shapes already (normalise_procurement_number's first
            # test, without a generator for any()).
            for shape in shapes:
                if shape.fullmatch(text) is not None:
                    return text
            return normalise_procurement_number(text, config)

        return procurement_number
    if name == "kind":
        return lambda text: classify_kind(text, config)
    if name == "secret":
        return parse_bool
    if name == "contract_period":
        return contract_period
    if name == "notified_by":
        return _notified_by
    # The rest is free text: folded already, text_or_none has nothing left to do.
    return _as_it_is


def quick_column(name: str, config: Config) -> Callable[[Sequence[str]], list[Any]] | None:
    """For the fields whose cells seldom repeat, ``quick_reader`` for a whole column of clean
    texts at once: their values, UNSURE where it cannot tell."""
    if name == "diary_number":
        return _canonical_column
    if quick_reader(name, config) is _as_it_is:
        return list
    return None


def _canonical_column(texts: Sequence[str]) -> list[Any]:
    # The configuration's own shapes and the typed forms are for normalise_diary_number.
    found = list(map(canonical_match(), texts))
    if None not in found:
        return list(texts)
    return [text if match is not None else UNSURE for text, match in zip(texts, found, strict=True)]


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _quick_date(text: str) -> Any:
    if _ISO_DAY.fullmatch(text) is None or not _FIRST_ISO <= text <= _LAST_ISO:
        return UNSURE
    try:
        date.fromisoformat(text)
    except ValueError:  # 2024-02-30: parse_date says how it is wrong
        return UNSURE
    return text


def _quick_whole(name: str) -> Callable[[str], Any]:
    low, high = BOUNDS[name]
    # Longer digit strings are out of bounds (or of int()'s reach): parse_amount and
    # _whole_number say which.
    longest = len(str(high))

    def read(text: str) -> Any:
        if len(text) > longest or not (text.isascii() and text.isdigit()):
            return UNSURE
        number = int(text)
        return number if low <= number <= high else UNSURE

    return read


def _quick_parties(text: str) -> Any:
    if "\\" in text:
        return UNSURE
    # split_parties folds each party's white space; clean text has single spaces only, so
    # stripping each name is all there is to do (in C: map and filter, no generator).
    return tuple(filter(None, map(str.strip, text.split(";"))))


def _as_it_is(text: str) -> str:
    return text


# "2024-01-01 – 2025-12-31", "2024-01-01--2025-12-31", "1 januari 2024 till 31 december 2025":
# two dates with a dash (hyphen, en or em dash) or a word between them.
_PERIOD = re.compile(
    r"(?P<start>.*?)\s*"
    r"(?:\s[-\u2013\u2014]\s|[\u2013\u2014]|--|\s(?:till|tom|t\.o\.m\.?)\s)"
    r"\s*(?P<end>.*)",
    re.IGNORECASE,
)
_ISO_PAIR = re.compile(r"(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})")


def contract_period(text: str) -> tuple[str | None, str | None] | None:
    """A contract period (avtalsperiod) as (valid_from, valid_to); either end may be open."""
    value = " ".join(text.split())
    if not value:
        return None
    found = _ISO_PAIR.fullmatch(value) or _PERIOD.fullmatch(value)
    if not found:
        raise InvalidValue(
            f"{text!r} is not a period",
            hint="write it as 2024-01-01 – 2025-12-31 (either end may be left empty)",
        )
    start, end = (part.strip() for part in found.groups())
    valid_from, valid_to = optional_date(start), optional_date(end)
    if valid_from and valid_to and valid_to < valid_from:
        raise InvalidValue(f"{text!r} ends before it starts", hint="check the order of the dates")
    return valid_from, valid_to


def _whole_number(name: str, text: str) -> int | None:
    if not text.strip():
        return None
    # Only ASCII digits: str.isdigit() also accepts "²", which int() then refuses. Twenty of
    # them is more than any bound; int() of thousands of digits is slow or refused.
    if not re.fullmatch(r"[0-9]{1,20}", text.strip()):
        low, _ = BOUNDS[name]
        raise InvalidValue(f"{shown(text)} is not a whole number of at least {low}")
    return within_bounds(name, int(text))


def _notified_by(text: str) -> str | None:
    value = text.strip().casefold()
    if not value:
        return None
    aliases = {"e-post": "electronic", "elektroniskt": "electronic", "brev": "post"}
    value = aliases.get(value, value)
    if value not in NOTIFIED_BY:
        raise InvalidValue(
            f"{shown(text)} is not a way of notifying", hint="use electronic or post"
        )
    return value


def admit(decision: Decision, config: Config) -> Decision:
    """The decision as a register may keep it, whichever reader made it; InvalidValue names
    the field that breaks the rules for text, dates or numbers.

    The tabular readers normalise each cell by these rules already; an agenda or a PDF builds
    its decisions from sentences, and this is where their values meet the same rules. Control
    characters become spaces; nothing else is changed.
    """
    changed: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = getattr(decision, name)
        if value is None:
            continue
        if len(value) > _QUICK_LENGTH or not (value.isascii() and value.isprintable()):
            cleaned = _held_text(name, value, config)
            if cleaned != value:
                changed[name] = cleaned
    parties = tuple(_held_text("parties", party, config) for party in decision.parties)
    if parties != decision.parties:
        changed["parties"] = parties
    try:
        for name in DATE_FIELDS:
            day = getattr(decision, name)
            if day is not None and not _FIRST_ISO <= day <= _LAST_ISO:
                within_range(date.fromisoformat(day))
        for name in NUMBER_FIELDS:
            number = getattr(decision, name)
            if number is not None:
                within_bounds(name, number)
    except InvalidValue as error:
        raise InvalidValue(f"{name}: {error.message}", hint=error.hint) from None
    return replace(decision, **changed) if changed else decision


def admit_notice(notice: Notice, config: Config) -> Notice:
    """A notice's text held to the same rule (it is printed in the meeting's report)."""
    text = _held_text("text", notice.text, config)
    return notice if text == notice.text else replace(notice, text=text)


def _held_text(name: str, value: str, config: Config) -> str:
    try:
        return clean_text(limits(config).check_length(value))
    except InvalidValue as error:
        raise InvalidValue(f"{name}: {error.message}", hint=error.hint) from None


# Values longer than this are measured against [limits] cell_chars.
_QUICK_LENGTH = 1000
