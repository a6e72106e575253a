"""Personal identity numbers (personnummer, samordningsnummer) in a decision's text.

A decision that names a person by their personal identity number must not show it publicly:
delreg.person_naming holds the rule (a personal identity number or initials) that the agenda's
reader and every public output apply. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from delreg.text import LazyPattern

# "19850312-1234", "850312-1234", "850312+1234": a personal identity number (or a co-ordination
# number, its day plus 60), held to its date and its check digit before it is taken for one.
# Compiled on first use: a public report imports this module and most never need it.
_PERSONAL_NUMBER = LazyPattern(
    r"(?<![\d-])(?:19|20)?(\d{2})(0[1-9]|1[0-2])(\d{2})[-+](\d{3})(\d)(?![\d-])"
)

# "198503121234" and "8503121234": the same without its dash, as case systems (Procapita,
# Lifecare and the like) print it in a social board's lists. Twelve digits start with the
# century. Ten digits alone are found as well, though a mobile number ("0701234567") can be a
# date and pass the check (about one in ten does): a decision taken for one that names a person
# is only kept out of the public lists, while a person's number missed is shown to everyone, so
# the doubt goes to secrecy. A number after a telephone's word ("tel. 0701234567") is not
# taken. What cannot be one: an organisation number ("5560123456": its month is 20 or more), a
# ByggR number ("2024-000123", "2024000123": no month 24), a run of eleven digits or of more
# than twelve (an invoice's or a bank account's), a number joined to a dash ("2024-8503121234").
_DIGITS_ONLY = LazyPattern(r"(?:19|20)?(\d{2})(0[1-9]|1[0-2])(\d{2})(\d{3})(\d)")
# A run of ten digits or more, all of it.
_DIGIT_RUN = LazyPattern(r"(?<![0-9])[0-9]{10,}")
# Ten digits in a row anywhere: most texts hold none, and this pattern, free of the look-behind,
# skips to a digit at once (the agenda's reader asks it of every item).
_TEN_DIGITS = LazyPattern(r"[0-9]{10}")
# The words that say a run of digits is a telephone number, just before it.
_PHONE_WORD = LazyPattern(
    r"(?:tel|tfn|telefon|telefonnummer|mobil|mobilnummer|mobiltelefon)\b\.?:?\s*$", re.I
)


def personal_number(text: str) -> str | None:
    """The first personal identity number in ``text`` (personnummer or samordningsnummer),
    or None: ten digits that are a date and pass the Luhn check, not an organisation number
    (whose third and fourth digits are no month); written with a dash or plus, or without
    one ("198503121234", "8503121234") where no telephone's word stands before it."""
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


def _candidates(text: str) -> Iterator[re.Match[str]]:
    yield from _separated(text)
    if _TEN_DIGITS.search(text) is None:
        return
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        if (
            end - start not in (10, 12)
            or text[start - 1 : start] == "-"
            or text[end : end + 1] == "-"
            or (end - start == 12 and text[start : start + 2] not in ("19", "20"))
        ):
            continue
        found = _DIGITS_ONLY.fullmatch(text, start, end)
        if found is not None and _PHONE_WORD.search(text, max(0, start - 24), start) is None:
            yield found


def _separated(text: str) -> Iterator[re.Match[str]]:
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
