"""The numbers in an item of an agenda's list: its diary number and procurement numbers.

Procurement numbers are found first ("MT 2023-0043" has the shape of a diary number too) and
are never taken for the diary number. The item's own diary number is the one it starts with,
else one labelled "Dnr", else the last one, which is nearly always at its end.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter
from typing import NamedTuple

from delreg.config import Config
from delreg.diary_numbers import is_not_a_number
from delreg.errors import InvalidValue
from delreg.model import normalise_procurement_number
from delreg.parse.agenda_rules import AgendaRules

Span = tuple[int, int]

# The end of an item is searched first, this far back (by agenda_fast too).
TAIL = 40
# How far a diary number's series and its gap reach before its digits ("KSN-", "Son: ").
_LONGEST_SERIES = 10
_LEAD_PUNCTUATION = " \t(–—-:,;"
# The end of an item that stops in the middle of a diary number ("…, 24RS", "… RS 2024/").
_CUT_OFF_NUMBER = re.compile(r"(?:\b\d{2}[A-ZÅÄÖ]{1,6}|\b[A-ZÅÄÖ]{1,8} ?\d{4} ?[/–-]?)\s*$")
_EXCERPT = 60
_START = attrgetter("start")


class Number(NamedTuple):
    """A diary or procurement number found in a text: where, and its value.

    A tuple rather than a dataclass: one or two are made for every item, and a tuple is made
    several times faster.
    """

    start: int
    end: int
    value: str
    labelled: bool = False


def diary_numbers(text: str, rules: AgendaRules, config: Config) -> list[Number]:
    """The diary numbers written in ``text``, procurement numbers left out."""
    excluded = procurement_numbers(text, text.lower(), rules, config)
    return [
        number for found in rules.diary_number.finditer(text) if (number := _diary(found, excluded))
    ]


def own_diary_number(
    text: str,
    lowered: str | None,
    rules: AgendaRules,
    procurement: list[Number],
    *,
    labels: bool = True,
) -> tuple[Number | None, bool]:
    """The item's own diary number as written, and whether it stands first.

    ``labels=False`` says the caller knows that no label word ("Dnr") is in the text.
    """
    pattern = rules.diary_number
    found = pattern.match(text, _skip(text, 0, _LEAD_PUNCTUATION))
    if found is not None and (number := _diary(found, procurement)):
        return number, True
    if labels:
        labelled = rules.diary_number_labelled
        for found in rules.diary_label_gate.matches(labelled, text, lowered):
            if number := _diary(found, procurement):
                return number, False
    for start in (max(0, len(text) - TAIL), 0):
        last = None
        for found in rules.diary_number_bare.finditer(text, start):
            last = _diary(found, procurement) or last
        if start and last is not None and last.start < start + _LONGEST_SERIES:
            # Found at the window's edge, it may be the end of a number that starts before
            # it ("TN 2024/90" seen from its year): the whole text decides.
            continue
        if last is not None or start == 0:
            return last, False
    return None, False


# The start of the problem of an item without any diary number.
NO_DIARY_NUMBER = "no diary number"


def missing_number_problem(
    text: str, lowered: str | None, rules: AgendaRules, *, labels: bool = True
) -> str:
    """Why an item has no diary number: malformed after its label, cut off, or none at all."""
    excerpt = text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"
    labelled = (
        rules.diary_label_gate.match(rules.diary_label_value, text, lowered) if labels else None
    )
    if labelled is not None:
        return f"malformed diary number {labelled.group('value')!r} in {excerpt!r}"
    tail = _CUT_OFF_NUMBER.search(text, max(0, len(text) - 30))
    if tail is not None:
        return f"diary number cut off ({tail.group().strip()!r}) in {excerpt!r}"
    return f"{NO_DIARY_NUMBER} in {excerpt!r}"


def procurement_numbers(
    text: str, lowered: str | None, rules: AgendaRules, config: Config
) -> list[Number]:
    """The procurement numbers of ``text`` in order, normalised; spans include their label."""
    # A labelled number first, so that its span takes the label ("upphandling UH 2024/3") with it.
    labelled: list[Number] = []
    gate = rules.procurement_label_gate
    for found in gate.matches(rules.procurement_labelled, text, lowered):
        if not labelled or found.start() >= labelled[-1].end:
            labelled.extend(_procurement(found.group("number"), *found.span(), rules, config))
    prefixed: list[Number] = []
    # The pattern starts with the prefixes themselves, so the engine skips to them: no pre-check.
    if rules.procurement_prefixes:
        for found in rules.procurement_prefixed.finditer(text):
            start = found.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "/-"):
                continue  # inside a word: "XMT 2023-0043" is not one
            if not _overlaps(labelled, start, found.end()):
                prefixed.extend(_procurement(found.group(), start, found.end(), rules, config))
    if not labelled:
        return prefixed
    return sorted(labelled + prefixed, key=_START)


def case_references(text: str, rules: AgendaRules) -> list[Number]:
    """References in parentheses to another case ("(jfr KS 2023/45)", "(tidigare dnr KS
    2023/45)"), their spans the parentheses': no part of the subject, and no number in them
    the item's own. Only parentheses with a diary number inside refer so ("(se bilaga)" not)."""
    if "(" not in text:
        return []
    bare = rules.diary_number_bare
    return [
        Number(found.start(), found.end(), number.group("number"))
        for found in rules.case_reference.finditer(text)
        if (number := bare.search(text, found.start(), found.end() - 1)) is not None
    ]


def with_parentheses(text: str, start: int, end: int) -> Span:
    """Widen a span over the parentheses around it: "(Dnr RS 2022/1275)"."""
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return start - 1, end + 1
    return start, end


def _procurement(
    written: str, start: int, end: int, rules: AgendaRules, config: Config
) -> list[Number]:
    if rules.canonical_procurement_number.fullmatch(written) is not None:
        return [Number(start, end, written)]
    try:
        return [Number(start, end, normalise_procurement_number(written, config))]
    except InvalidValue:
        return []


def _diary(found: re.Match[str], excluded: list[Number]) -> Number | None:
    """A diary-number match as a Number, unless it is part of a procurement number or a date."""
    start, end = found.span("number")
    if _overlaps(excluded, start, end):
        return None
    number = found.group("number")
    labelled = "label" in found.re.groupindex and found.group("label") is not None
    if is_not_a_number(number, labelled=labelled):
        return None
    return Number(found.start(), end, number, labelled)


def _overlaps(numbers: list[Number], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``numbers`` (in order, not overlapping each other)."""
    before = bisect_right(numbers, end - 1, key=_START)
    return before > 0 and numbers[before - 1].end > start


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position
