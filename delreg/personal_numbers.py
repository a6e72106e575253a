"""Personal identity numbers (personnummer, samordningsnummer) in a decision's text.

A decision that names a person by their personal identity number must not show it publicly:
the agenda's reader registers such an item secret (delreg.parse.agenda_items), and every
public output masks a decision whose subject or parties name one however it came in
(delreg.public), from a registry's export, `delreg add` or an edit. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from delreg.text import LazyPattern

# "19850312-1234", "850312-1234", "850312+1234": a personal identity number (or a co-ordination
# number, its day plus 60), held to its date and its check digit before it is taken for one.
# Compiled on first use: a public report imports this module and most never need it.
_PERSONAL_NUMBER = LazyPattern(
    r"(?<![\d-])(?:19|20)?(\d{2})(0[1-9]|1[0-2])(\d{2})[-+](\d{3})(\d)(?![\d-])"
)


def personal_number(text: str) -> str | None:
    """The first personal identity number in ``text`` (personnummer or samordningsnummer),
    or None: ten digits that are a date and pass the Luhn check, not an organisation number
    (whose third and fourth digits are no month)."""
    for found in _candidates(text):
        year, month, day, serial, check = found.groups()
        if not (1 <= int(day) <= 31 or 61 <= int(day) <= 91):
            continue
        digits = f"{year}{month}{day}{serial}"
        total = 0
        for index, digit in enumerate(digits):
            value = int(digit) * (2 if index % 2 == 0 else 1)
            total += value - 9 if value > 9 else value
        if (10 - total % 10) % 10 == int(check):
            return found.group()
    return None


def names_a_person(texts: Iterable[str | None]) -> bool:
    """Whether any of ``texts`` holds a personal identity number."""
    return any(text and personal_number(text) is not None for text in texts)


def _candidates(text: str) -> Iterator[re.Match[str]]:
    # The pattern tried only around a dash or plus with six digits before it and four after:
    # searched for everywhere, it took 11 µs an agenda's item (a digit first: no literal to
    # skip to).
    for mark in "-+":
        at = text.find(mark, 6)
        while at >= 0:
            if text[at - 6 : at].isdigit() and text[at + 1 : at + 5].isdigit():
                found = _PERSONAL_NUMBER.search(text, max(0, at - 8), at + 6)
                if found is not None:
                    yield found
            at = text.find(mark, at + 1)
